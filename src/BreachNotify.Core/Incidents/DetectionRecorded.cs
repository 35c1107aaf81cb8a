using BreachNotify.Detections;

namespace BreachNotify.Incidents;

public sealed record DetectionRecorded(DateTimeOffset At, string Actor, NormalizedDetection Detection) : IncidentEvent(At, Actor)
{
    public override string Kind => "detectionRecorded";

    public override string Describe() => $"{Detection.Format} detection {Detection.SourceId} from {Detection.Source}";
}
