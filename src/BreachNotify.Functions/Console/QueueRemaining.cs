namespace BreachNotify.Functions.CommanderConsole;

/// <summary>What the queue's "Remaining" cell shows for an incident.</summary>
public enum QueueRemaining
{
    /// <summary>Counting down to the earliest due time.</summary>
    Countdown,

    /// <summary>An update is pending: its own due time counts down.</summary>
    UpdateCountdown,

    /// <summary>An update is pending without a due time.</summary>
    UpdatePending,

    /// <summary>Approved and every notice is sent: nothing left to count down.</summary>
    AllSent,

    /// <summary>Rejected, not a breach, or closed.</summary>
    Nothing,
}
