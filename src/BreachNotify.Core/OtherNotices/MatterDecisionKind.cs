namespace BreachNotify.OtherNotices;

public enum MatterDecisionKind
{
    Approve,
    Reject,

    /// <summary>A commander lifts the legal prohibition: an approved matter's notices go out at once.</summary>
    LiftProhibition,
}
