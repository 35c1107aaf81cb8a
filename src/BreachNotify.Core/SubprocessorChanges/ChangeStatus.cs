namespace BreachNotify.SubprocessorChanges;

public enum ChangeStatus
{
    /// <summary>Announced by a commander; nothing is sent until one approves.</summary>
    AwaitingDecision,

    /// <summary>Approved: the notices are due to the recipients frozen at approval; the objection windows run.</summary>
    Approved,

    /// <summary>A commander decided not to go ahead before anything was sent.</summary>
    Rejected,

    /// <summary>Withdrawn (before or after approval); after approval the customers are owed a withdrawal notice.</summary>
    Withdrawn,

    /// <summary>Cancelled as the outcome of an objection (the DPA's first cure option).</summary>
    Cancelled,
}
