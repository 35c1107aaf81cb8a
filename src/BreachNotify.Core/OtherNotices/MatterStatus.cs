namespace BreachNotify.OtherNotices;

public enum MatterStatus
{
    /// <summary>Not yet recorded (the empty state).</summary>
    None,

    AwaitingDecision,

    /// <summary>Approved: its notices are sent unless a legal prohibition holds.</summary>
    Approved,

    Rejected,
}
