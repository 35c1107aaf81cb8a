namespace BreachNotify.Incidents;

public enum DecisionKind
{
    Approve,
    Reject,
    Reclassify,

    /// <summary>Edits the notices' text only; the incident stays awaiting a decision.</summary>
    Edit,

    /// <summary>Approves the follow-up of an incident in <see cref="IncidentStatus.UpdatePending"/> (API: approve-update).</summary>
    ApproveUpdate,

    /// <summary>Closes an approved incident with its final report: the closing notice goes to every notified party.</summary>
    Close,

    /// <summary>Sets ENISA inputs of the severity estimate instead of the derived ones (API: override-severity), with a reason.</summary>
    OverrideSeverity,
}
