using System.Diagnostics;

namespace BreachNotify.Adapters.Telemetry;

/// <summary>
/// The app's traces: one trace from a request (a detection, a decision) through its queue work items to the sends.
/// Work items carry their trace parent (W3C <c>traceparent</c>) across the queue. Tags are ids only, never personal data.
/// </summary>
public static class Tracing
{
    public const string SourceName = "BreachNotify";
    public const string IncidentTag = "breachnotify.incident.id";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>The current trace position to carry in a work item, or null outside a trace.</summary>
    public static string? CurrentParent => Activity.Current?.Id;

    /// <summary>A span continuing the trace <paramref name="traceParent"/> (a new trace when it is null or unreadable).</summary>
    public static Activity? Continue(string name, string? traceParent, ActivityKind kind = ActivityKind.Consumer) =>
        ActivityContext.TryParse(traceParent, null, out var parent)
            ? Source.StartActivity(name, kind, parent)
            : Source.StartActivity(name, kind);
}
