namespace BreachNotify.SubprocessorChanges;

/// <summary>How an objection ended: the DPA's four cure options, then termination, or resolved by agreement.</summary>
public enum ObjectionOutcome
{
    /// <summary>The change is cancelled (for everyone).</summary>
    Cancelled,

    /// <summary>Corrective steps are under way; the only outcome that a later one may follow.</summary>
    CorrectiveSteps,

    /// <summary>The feature using the sub-processor ceased for the customer.</summary>
    FeatureCeased,

    /// <summary>The customer stops using the service concerned.</summary>
    CustomerStops,

    /// <summary>The contract is terminated.</summary>
    Terminated,

    /// <summary>The customer withdrew its objection or agreed.</summary>
    Resolved,
}
