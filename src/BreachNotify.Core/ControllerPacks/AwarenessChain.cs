using BreachNotify.Clocks;

namespace BreachNotify.ControllerPacks;

/// <summary>
/// When each link of the chain became aware: the sub-processor that reported it (if one did), the processor, and this
/// notice; the controller's own clock usually starts at the last.
/// </summary>
public sealed record AwarenessChain
{
    public string? ReportingSubprocessor { get; init; }

    public DateTimeOffset? SubprocessorAwareAt { get; init; }

    public required DateTimeOffset ProcessorAwareAt { get; init; }

    /// <summary>When the processor must have told this controller, and the contract term it comes from.</summary>
    public DueTime? ProcessorDue { get; init; }

    public DateTimeOffset? NoticeSentAt { get; init; }

    /// <summary>The controller's statutory clocks, counted from the processor's awareness (the earliest they can start).</summary>
    public IReadOnlyList<StatutoryClock> StatutoryClocks { get; init; } = [];
}
