namespace BreachNotify.Severity;

/// <summary>ENISA circumstance: whether altered data can be restored (+0, +0.25, +0.5).</summary>
public enum IntegrityLoss
{
    None,
    AlteredRecoverable,
    AlteredUnrecoverable,
}
