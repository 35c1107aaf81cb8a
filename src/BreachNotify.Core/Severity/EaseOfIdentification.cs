namespace BreachNotify.Severity;

/// <summary>How easily the individuals can be identified from the breached data (ENISA: 0.25, 0.5, 0.75, 1).</summary>
public enum EaseOfIdentification
{
    Negligible,
    Limited,
    Significant,
    Maximum,
}
