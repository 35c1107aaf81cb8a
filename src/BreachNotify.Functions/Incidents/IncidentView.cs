using BreachNotify.Clocks;
using BreachNotify.Detections;

namespace BreachNotify.Functions.Incidents;

/// <summary><c>GET /api/incidents/{id}</c>, in the contract's shape.</summary>
public sealed record IncidentView(
    string Id,
    string Status,
    DateTimeOffset AwareAt,
    string Title,
    IReadOnlyList<NormalizedDetection> Detections,
    ClassificationView? Classification,
    AffectedView Affected,
    IReadOnlyList<DueTime> Deadlines,
    IReadOnlyList<StatutoryClock> StatutoryClocks,
    IReadOnlyList<NoticeView> Notices,
    NoticeCounts NoticeCounts,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<DeadLetterView> DeadLetters);
