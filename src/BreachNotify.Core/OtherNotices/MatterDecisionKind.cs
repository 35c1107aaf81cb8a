namespace BreachNotify.OtherNotices;

public enum MatterDecisionKind
{
    Approve,
    Reject,

    /// <summary>A commander lifts the legal prohibition: an approved matter's notices go out at once.</summary>
    LiftProhibition,

    /// <summary>A commander re-checked the prohibition and sets its next review date: the commanders are reminded again then.</summary>
    SetReview,
}
