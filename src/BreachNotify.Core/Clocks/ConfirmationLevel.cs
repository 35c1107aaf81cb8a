namespace BreachNotify.Clocks;

/// <summary>"Confirmed": the statute or regulator's text was read. "Secondary": only commentary was found; not legal advice.</summary>
public enum ConfirmationLevel
{
    Confirmed,
    Secondary,
}
