using System.Text.Json.Serialization;
using BreachNotify.Detections;

namespace BreachNotify.Incidents;

public sealed record DetectionRecorded(DateTimeOffset At, string Actor, NormalizedDetection Detection) : IncidentEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "detectionRecorded";

    public override string Describe() => $"{Detection.Format} detection {Detection.SourceId} from {Detection.Source}";
}
