namespace BreachNotify.Severity;

/// <summary>ENISA circumstance: to whom the data was disclosed (+0, +0.25, +0.5).</summary>
public enum ConfidentialityLoss
{
    None,
    KnownRecipients,
    UnknownRecipients,
}
