namespace BreachNotify.SubprocessorChanges;

public enum ConsentBasis
{
    /// <summary>The customer acknowledged the notice.</summary>
    Acknowledged,

    /// <summary>The customer's objection window closed without an objection.</summary>
    NoObjectionInWindow,
}
