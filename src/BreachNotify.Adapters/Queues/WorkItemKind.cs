namespace BreachNotify.Adapters.Queues;

public enum WorkItemKind
{
    /// <summary>A timer of the incident's decision function (a delayed message).</summary>
    Timer,

    /// <summary>Mail the commanders that an incident waits for them.</summary>
    NotifyCommanders,

    /// <summary>Create an approved incident's notice records and queue their batches.</summary>
    FanOut,

    /// <summary>Send one batch of notices.</summary>
    SendBatch,

    /// <summary>Remind the recipients of one batch who have not acknowledged.</summary>
    AckReminder,

    /// <summary>Warn the commanders that some parties' due time is near.</summary>
    DeadlineWarning,

    /// <summary>A withdrawn sub-processor change: tell everyone notified.</summary>
    Withdrawal,

    /// <summary>Confirm a sub-processor change objection to the contact who made it.</summary>
    ObjectionReceipt,

    /// <summary>Tell the privacy team (commanders) of a sub-processor change's timer: a cure reminder or its end, a missed notice deadline.</summary>
    ChangeAlert,
    /// <summary>A matter's legal prohibition reached its review date: remind the commanders to re-check it.</summary>
    ProhibitionReview,
}
