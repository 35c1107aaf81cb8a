using BreachNotify.Clocks;
using BreachNotify.Detections;

namespace BreachNotify.Application.Incidents;

/// <summary>
/// <c>GET /api/incidents/{id}</c>, in the contract's shape; <see cref="PendingChanges"/> (while UpdatePending: per field
/// before and after, per party), <see cref="Phases"/> and <see cref="FinalReport"/> for information in phases.
/// <see cref="Notices"/> is one page (at most 1,000, <c>?noticeLimit=</c>); <see cref="NoticesNext"/>, when set, is the
/// <c>noticesAfter</c> of the next page. <see cref="NoticeCounts"/> always counts every notice.
/// </summary>
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
    IReadOnlyList<DeadLetterView> DeadLetters,
    BreachNotify.Incidents.IncidentChanges? PendingChanges = null,
    IReadOnlyList<BreachNotify.Incidents.IncidentPhase>? Phases = null,
    BreachNotify.Incidents.FinalReport? FinalReport = null,
    string? NoticesNext = null);
