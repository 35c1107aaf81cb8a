using BreachNotify.Detections;

namespace BreachNotify.Incidents;

/// <summary>
/// What an incident's state keeps of one detection: enough to tell a resend from an update and to list it, and of a
/// bounded size whatever the detection carries. The detection itself lives in its own history row
/// (<see cref="DetectionRecorded"/>, <see cref="DetectionUpdated"/>), read back with <see cref="IncidentDetections"/>.
/// </summary>
public sealed record DetectionSummary
{
    public required string Source { get; init; }

    public required string SourceId { get; init; }

    public required string Format { get; init; }

    public required string Title { get; init; }

    public DetectionSeverity Severity { get; init; }

    public DateTimeOffset? DetectedAt { get; init; }

    public string? SourceStatus { get; init; }

    /// <summary>The sub-processor that reported the detection, if one did: its <see cref="DetectedAt"/> is when it became aware.</summary>
    public string? ReportedBySubprocessor { get; init; }

    /// <summary>The detection's <see cref="NormalizedDetection.Fingerprint"/>: the same fingerprint is a resend.</summary>
    public required string Fingerprint { get; init; }

    public static DetectionSummary Of(NormalizedDetection detection) => new()
    {
        Source = detection.Source,
        SourceId = detection.SourceId,
        Format = detection.Format,
        Title = detection.Title,
        Severity = detection.Severity,
        DetectedAt = detection.DetectedAt,
        SourceStatus = detection.SourceStatus,
        ReportedBySubprocessor = detection.ReportedBySubprocessor,
        Fingerprint = detection.Fingerprint(),
    };

    public bool Describes(NormalizedDetection detection) => Source == detection.Source && SourceId == detection.SourceId;
}
