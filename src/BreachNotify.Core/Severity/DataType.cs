namespace BreachNotify.Severity;

/// <summary>ENISA's four kinds of personal data; each gives the data processing context its preliminary score (1 to 4).</summary>
public enum DataType
{
    Simple = 1,
    Behavioural = 2,
    Financial = 3,
    Sensitive = 4,
}
