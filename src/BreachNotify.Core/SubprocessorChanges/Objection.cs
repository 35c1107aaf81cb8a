namespace BreachNotify.SubprocessorChanges;

/// <summary>A customer's objection; <see cref="CureDeadline"/> is the change's effective time (it must be settled by then).</summary>
public sealed record Objection(string CustomerId, DateTimeOffset At, string By, string Reason, DateTimeOffset CureDeadline)
{
    public ObjectionOutcome? Outcome { get; init; }

    public DateTimeOffset? OutcomeAt { get; init; }

    public string? OutcomeComment { get; init; }

    /// <summary>Settled: an outcome other than corrective steps was recorded.</summary>
    public bool IsSettled => Outcome is { } o && o != ObjectionOutcome.CorrectiveSteps;
}
