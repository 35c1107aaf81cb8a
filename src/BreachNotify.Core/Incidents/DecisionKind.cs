namespace BreachNotify.Incidents;

public enum DecisionKind
{
    Approve,
    Reject,
    Reclassify,

    /// <summary>Edits the notices' text only; the incident stays awaiting a decision.</summary>
    Edit,
}
