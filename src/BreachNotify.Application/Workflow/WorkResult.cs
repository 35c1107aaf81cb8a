namespace BreachNotify.Application.Workflow;

/// <summary>How handling a work item ended: done, or to be tried again after a while (not a failure).</summary>
public sealed record WorkResult(TimeSpan? RetryAfter)
{
    public static WorkResult Done { get; } = new((TimeSpan?)null);

    public static WorkResult Retry(TimeSpan after) => new(after);
}
