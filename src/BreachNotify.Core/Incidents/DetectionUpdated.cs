using System.Text.Json.Serialization;
using BreachNotify.Detections;

namespace BreachNotify.Incidents;

/// <summary>A known detection (same source and source id) arrived again with new content; merged, never a new incident.</summary>
public sealed record DetectionUpdated(DateTimeOffset At, string Actor, NormalizedDetection Detection) : IncidentEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "detectionUpdated";

    public override string Describe() =>
        $"update of {Detection.Format} detection {Detection.SourceId} from {Detection.Source}{(Detection.SourceStatus is { } s ? $" (status {s})" : "")}";
}
