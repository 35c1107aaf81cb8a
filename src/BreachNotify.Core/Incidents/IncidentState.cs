using BreachNotify.Clocks;
using BreachNotify.Detections;
using BreachNotify.Notices;

namespace BreachNotify.Incidents;

/// <summary>An incident's current state: always the fold of its history (<see cref="Apply"/>), stored beside it for speed.</summary>
public sealed record IncidentState
{
    public required string Id { get; init; }

    public IncidentStatus Status { get; init; }

    public DateTimeOffset AwareAt { get; init; }

    public string Title { get; init; } = "";

    /// <summary>What the state keeps of each detection (bounded); the detections themselves are in the history rows.</summary>
    public IReadOnlyList<DetectionSummary> Detections { get; init; } = [];

    public Classification.Classification? Classification { get; init; }

    /// <summary>How many notices an approval sends (the recipients themselves: <see cref="Notices.RecipientList"/>).</summary>
    public int RecipientCount { get; init; }

    public IReadOnlyList<DueTime> DueTimes { get; init; } = [];

    public IReadOnlyList<StatutoryClock> StatutoryClocks { get; init; } = [];

    /// <summary>How many approval requests (the first and each escalation) went out: the next timer's sequence.</summary>
    public int ApprovalRequestsSent { get; init; }

    /// <summary>How many deadline warnings fired: the next one's timer sequence.</summary>
    public int DeadlineWarningsSent { get; init; }

    /// <summary>
    /// The parties a deadline warning was sent about: the next warning is for the earliest due time of a party not warned
    /// about yet, so parties that become affected later (Art. 33(4)) are warned about at their own due time.
    /// </summary>
    public IReadOnlyList<string> WarnedParties { get; init; } = [];

    /// <summary>The earliest due time of a party no warning was sent about yet.</summary>
    public DateTimeOffset? NextUnwarnedDueAt => NextUnwarned(DueTimes, WarnedParties);

    internal static DateTimeOffset? NextUnwarned(IReadOnlyList<DueTime> dueTimes, IReadOnlyList<string> warned) =>
        dueTimes.Where(d => !warned.Contains(d.RecipientId, StringComparer.Ordinal)).Select(d => (DateTimeOffset?)d.DueAt).Min();
    /// <summary>How many detections and updates were recorded: the sequence of the classification timer they call for.</summary>
    public int DetectionRevision { get; init; }

    /// <summary>The <see cref="DetectionRevision"/> the current classification was made at.</summary>
    public int ClassifiedRevision { get; init; }

    /// <summary>The commanders' wording of the notices (merged edits), null while nobody edited them.</summary>
    public NoticeEdits? NoticeEdits { get; init; }

    /// <summary>The classification the parties were last told (at approval, then at each approved update).</summary>
    public Classification.Classification? NotifiedClassification { get; init; }

    /// <summary>What changed since the parties were told, while <see cref="IncidentStatus.UpdatePending"/>.</summary>
    public IncidentChanges? PendingChanges { get; init; }

    /// <summary>The rounds of notices approved so far, the first (sequence 0) at approval.</summary>
    public IReadOnlyList<IncidentPhase> Phases { get; init; } = [];

    public FinalReport? FinalReport { get; init; }

    /// <summary>The commander's ENISA inputs (the latest override replaces the one before), null while the derived ones stand.</summary>
    public BreachNotify.Severity.SeverityOverride? SeverityOverride { get; init; }

    /// <summary>Whether notices went out: approved, with or without a pending update, or closed.</summary>
    public bool IsNotified => Status is IncidentStatus.Approved or IncidentStatus.UpdatePending or IncidentStatus.Closed;

    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The number of events folded in: the next event's sequence.</summary>
    public int Version { get; init; }

    public static IncidentState Empty(string id) => new() { Id = id };

    public static IncidentState Replay(string id, IEnumerable<IncidentEvent> history) =>
        history.Aggregate(Empty(id), (state, e) => state.Apply(e));

    public DateTimeOffset? EarliestDueAt => DueTimes.Count == 0 ? null : DueTimes.Min(d => d.DueAt);

    /// <summary>The distinct due times in order: deadline warning <c>n</c> is about the <c>n</c>-th.</summary>
    public IReadOnlyList<DateTimeOffset> DistinctDueTimes => [.. DueTimes.Select(d => d.DueAt).Distinct().Order()];

    public IncidentState Apply(IncidentEvent e)
    {
        var next = e switch
        {
            DetectionRecorded r => this with
            {
                Detections = [.. Detections, DetectionSummary.Of(r.Detection)],
                AwareAt = Detections.Count == 0 ? r.At : AwareAt,
                Title = Detections.Count == 0 ? r.Detection.Title : Title,
                Status = Detections.Count == 0 ? IncidentStatus.Received : Status,
                DetectionRevision = DetectionRevision + 1,
            },
            DetectionUpdated u => this with
            {
                Detections = [.. Detections.Select(d => d.Describes(u.Detection) ? DetectionSummary.Of(u.Detection) : d)],
                DetectionRevision = DetectionRevision + 1,
            },
            IncidentClassified c => this with
            {
                Classification = c.Classification,
                RecipientCount = c.RecipientCount,
                DueTimes = c.DueTimes,
                StatutoryClocks = c.StatutoryClocks,
                ClassifiedRevision = DetectionRevision,
                Status = Status is IncidentStatus.Approved or IncidentStatus.Rejected or IncidentStatus.UpdatePending or IncidentStatus.Closed ? Status
                    : c.Classification.Verdict == BreachNotify.Classification.Verdict.NotPersonalDataBreach ? IncidentStatus.NoBreach
                    : IncidentStatus.AwaitingDecision,
            },
            ApprovalRequested a => this with { ApprovalRequestsSent = a.Sequence + 1 },
            DeadlineApproaching d => this with { DeadlineWarningsSent = d.Sequence + 1, WarnedParties = [.. WarnedParties, .. d.PartyIds] },
            IncidentApproved a => this with
            {
                Status = IncidentStatus.Approved,
                DecidedBy = a.Actor,
                DecidedAt = a.At,
                NotifiedClassification = Classification,
                Phases = [new IncidentPhase(0, PhaseKind.Initial, a.At, a.Actor, NoticeCount: a.NoticeCount)],
            },
            // Empty changes: the classification is back to what the parties were told, and nothing is pending any more.
            IncidentUpdatePending u => this with
            {
                Status = u.Changes.IsEmpty ? IncidentStatus.Approved : IncidentStatus.UpdatePending,
                PendingChanges = u.Changes.IsEmpty ? null : u.Changes,
            },
            IncidentUpdateApproved u => this with
            {
                Status = IncidentStatus.Approved,
                NotifiedClassification = Classification,
                PendingChanges = null,
                Phases = [.. Phases, new IncidentPhase(u.Phase, PhaseKind.FollowUp, u.At, u.Actor, u.Changes, NewRecipients: u.NewRecipients)],
            },
            IncidentClosed c => this with
            {
                Status = IncidentStatus.Closed,
                FinalReport = c.Report,
                Phases = [.. Phases, new IncidentPhase(c.Phase, PhaseKind.Closing, c.At, c.Actor)],
            },
            SeverityOverridden s => this with { SeverityOverride = s.Override },
            NoticeTextEdited n => this with { NoticeEdits = (NoticeEdits ?? new NoticeEdits()).Merge(n.Edits) is { IsEmpty: false } merged ? merged : null },
            IncidentRejected r => this with { Status = IncidentStatus.Rejected, DecidedBy = r.Actor, DecidedAt = r.At },
            // Reclassifying reopens the decision; the classification itself arrives in the event that follows.
            IncidentReclassified => this with { Status = IncidentStatus.AwaitingDecision, DecidedBy = null, DecidedAt = null },
            _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}."),
        };
        return next with { Version = Version + 1 };
    }

    public DetectionSummary? Find(NormalizedDetection detection) => Detections.FirstOrDefault(d => d.Describes(detection));
}
