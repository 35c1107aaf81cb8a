namespace BreachNotify.SubprocessorChanges;

/// <summary>A customer's objection; <see cref="CureDeadline"/> ends its cure period (the objection's time plus the processor's cure days).</summary>
public sealed record Objection(string CustomerId, DateTimeOffset At, string By, string Reason, DateTimeOffset CureDeadline)
{
    public ObjectionOutcome? Outcome { get; init; }

    public DateTimeOffset? OutcomeAt { get; init; }

    public string? OutcomeComment { get; init; }

    /// <summary>Reminders of its cure period sent to the privacy team so far.</summary>
    public int RemindedRounds { get; init; }

    /// <summary>When its cure period ended without an outcome (null while it runs, or once settled in time).</summary>
    public DateTimeOffset? CureEndedAt { get; init; }

    /// <summary>Settled: an outcome other than corrective steps was recorded.</summary>
    public bool IsSettled => Outcome is { } o && o != ObjectionOutcome.CorrectiveSteps;

    /// <summary>Still waiting for an outcome (none yet, or corrective steps under way): its cure clock runs.</summary>
    public bool AwaitsOutcome => !IsSettled;
}
