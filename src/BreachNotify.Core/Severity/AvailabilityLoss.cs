namespace BreachNotify.Severity;

/// <summary>ENISA circumstance: whether the data is back (+0, +0.25, +0.5).</summary>
public enum AvailabilityLoss
{
    None,
    Temporary,
    Permanent,
}
