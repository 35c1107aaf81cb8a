namespace BreachNotify.Detections;

/// <summary>One detection as every SIEM format is parsed into it. Everything in it is untrusted text.</summary>
public sealed record NormalizedDetection
{
    /// <summary>The configured source name the detection was posted under (<c>?source=NAME</c>).</summary>
    public required string Source { get; init; }

    /// <summary>The wire format it was parsed from (<see cref="DetectionFormats"/>).</summary>
    public required string Format { get; init; }

    /// <summary>The source's own id for it (Sentinel incident name, OCSF uid, dedup key...): the dedup key with <see cref="Source"/>.</summary>
    public required string SourceId { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>When the source says it detected the activity; awareness is still the time BreachNotify received it.</summary>
    public DateTimeOffset? DetectedAt { get; init; }

    public DetectionSeverity Severity { get; init; }

    /// <summary>The source's own state (new, active, closed...): an update changes it.</summary>
    public string? SourceStatus { get; init; }

    /// <summary>Categories, tactics and techniques as the source names them (for example "Exfiltration", "TA0010", "T1486").</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>How the source names the assets involved: resource ids, host names, IPs, URLs, share or bucket names.</summary>
    public IReadOnlyList<string> AssetRefs { get; init; } = [];

    /// <summary>Further named facts (file paths, labels, tenant fields) that may narrow who is affected.</summary>
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];

    /// <summary>The sub-processor that reported this detection, when one did.</summary>
    public string? ReportedBySubprocessor { get; init; }

    /// <summary>The source's own opinion, when it gives one (OCSF <c>is_suspected_breach</c>).</summary>
    public bool? SuspectedBreach { get; init; }

    public IReadOnlyList<string> DataCategories { get; init; } = [];

    public long? ApproxRecords { get; init; }

    /// <summary>A stable fingerprint of the content, so a resend of the same state is told apart from an update.</summary>
    public string Fingerprint() => ContentFingerprint.Of(this);
}
