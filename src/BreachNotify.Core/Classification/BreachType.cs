namespace BreachNotify.Classification;

/// <summary>The three kinds of personal data breach the EDPB guidelines distinguish.</summary>
public enum BreachType
{
    Confidentiality,
    Integrity,
    Availability,
}
