using BreachNotify.Detections;

namespace BreachNotify.Incidents;

/// <summary>An incident's detections as its history holds them: each in its latest version, in order of arrival.</summary>
public static class IncidentDetections
{
    public static IReadOnlyList<NormalizedDetection> From(IEnumerable<IncidentEvent> history)
    {
        var detections = new List<NormalizedDetection>();
        foreach (var e in history)
        {
            switch (e)
            {
                case DetectionRecorded r:
                    detections.Add(r.Detection);
                    break;
                case DetectionUpdated u when detections.FindIndex(d => Same(d, u.Detection)) is var i and >= 0:
                    detections[i] = u.Detection;
                    break;
            }
        }

        return detections;
    }

    private static bool Same(NormalizedDetection a, NormalizedDetection b) => a.Source == b.Source && a.SourceId == b.SourceId;
}
