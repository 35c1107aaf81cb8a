namespace BreachNotify.Notices;

/// <summary>What a transition of a <see cref="Notice"/> came to.</summary>
public enum NoticeOutcome
{
    /// <summary>The notice moved on or learnt something.</summary>
    Applied,

    /// <summary>Nothing new: a repeat, a late event, an answer already recorded (the first one stands).</summary>
    Unchanged,

    /// <summary>The transition does not apply in the notice's state (held by another worker, taken over, closed).</summary>
    Refused,
}
