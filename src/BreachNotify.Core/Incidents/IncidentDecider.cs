using BreachNotify.Classification;
using BreachNotify.Clocks;
using BreachNotify.Detections;
using BreachNotify.Notices;
using BreachNotify.Parties;

namespace BreachNotify.Incidents;

/// <summary>
/// The incident's one decision function: state + message + time -> events + commands. It reads no clock and
/// touches no storage, and it is idempotent: a message it has already acted on yields nothing the second time.
/// </summary>
public sealed class IncidentDecider(ProcessorDirectory directory, ClassificationRules rules, WorkflowSettings settings)
{
    /// <summary>A flood of alerts on one asset opens further incidents rather than growing one without bound.</summary>
    public const int MaxDetectionsPerIncident = 100;

    private const string SystemActor = "system";
    private readonly Classifier _classifier = new(directory, rules);
    private readonly DeadlineCalculator _deadlines = new(directory);

    public IncidentStep Decide(IncidentState? state, WorkflowMessage message, DateTimeOffset now) => message switch
    {
        DetectionArrived m => OnDetection(state, m.Detection, now),
        CommanderDecision m when state is not null => OnDecision(state, m, now),
        CommanderDecision => IncidentStep.Refuse("no such incident"),
        ClassificationDue m when state is not null => OnClassification(state, m.Revision, m.Detections, now),
        ClassificationDue => IncidentStep.Nothing,
        TimerFired m when state is not null => OnTimer(state, m, now),
        TimerFired => IncidentStep.Nothing,
        _ => throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, "Unknown workflow message."),
    };

    private IncidentStep OnDetection(IncidentState? state, NormalizedDetection detection, DateTimeOffset now)
    {
        var actor = $"source:{detection.Source}";
        if (state is null || state.Version == 0)
        {
            return new IncidentStep([new DetectionRecorded(now, actor, detection)], [ClassificationTimer(1, now)]);
        }

        IncidentEvent arrived;
        if (state.Find(detection) is { } known)
        {
            if (known.Fingerprint == detection.Fingerprint())
            {
                return IncidentStep.Nothing;
            }

            arrived = new DetectionUpdated(now, actor, detection);
        }
        else if (state.Detections.Count >= MaxDetectionsPerIncident)
        {
            // Decided on the state being written, so concurrent joins cannot all pass a check made before.
            return IncidentStep.Refuse($"the incident holds {MaxDetectionsPerIncident} detections already");
        }
        else
        {
            arrived = new DetectionRecorded(now, actor, detection);
        }

        // After a rejection or the closing an update is recorded but changes nothing. After approval it is classified
        // again: a change to what the notices said puts the incident in UpdatePending, and nothing is sent by itself.
        if (state.Status is IncidentStatus.Rejected or IncidentStatus.Closed)
        {
            return new IncidentStep([arrived], []);
        }

        return new IncidentStep([arrived], [ClassificationTimer(state.DetectionRevision + 1, now)]);
    }

    /// <summary>
    /// Classifies the detections recorded up to revision <paramref name="revision"/>. A timer overtaken by a later
    /// detection, or by a commander's reclassification, does nothing: the later one decides.
    /// </summary>
    private IncidentStep OnClassification(IncidentState state, int revision, IReadOnlyList<NormalizedDetection> detections, DateTimeOffset now)
    {
        if (!IsClassificationDue(state, revision))
        {
            return IncidentStep.Nothing;
        }

        var classified = Classify(detections, state.AwareAt, now);
        if (state.Status != IncidentStatus.Received && SameJson(classified.Classification, state.Classification))
        {
            return IncidentStep.Nothing;
        }

        if (state.IsNotified)
        {
            return OnClassificationAfterNotice(state, classified, now);
        }

        // The first classification asks the commanders; a later one only when it turns "no breach" into a breach.
        IReadOnlyList<WorkflowCommand> commands = state.Status is IncidentStatus.Received or IncidentStatus.NoBreach
            ? [.. ApprovalCommands(classified.Classification, state.ApprovalRequestsSent, now), .. DeadlineCommands(classified.DueTimes, state, now)]
            : [];
        return new IncidentStep([classified], commands);
    }

    /// <summary>
    /// Whether the classification timer of <paramref name="revision"/> still has work: the caller reads the detections
    /// (<see cref="ClassificationDue"/>) only then.
    /// </summary>
    public static bool IsClassificationDue(IncidentState state, int revision) =>
        state.Status is not (IncidentStatus.Rejected or IncidentStatus.Closed) && revision == state.DetectionRevision && state.ClassifiedRevision < revision;

    /// <summary>
    /// A new classification of an incident whose notices went out (GDPR Art. 33(4)): compared with what the parties were
    /// told, a change to what a notice states puts it in UpdatePending and asks the commanders; newly affected parties are
    /// due from now, when they became affected. A classification back to what was told ends the pending update.
    /// </summary>
    private IncidentStep OnClassificationAfterNotice(IncidentState state, IncidentClassified classified, DateTimeOffset now)
    {
        var told = state.NotifiedClassification ?? state.Classification ?? classified.Classification;
        var changes = IncidentChanges.Between(told, classified.Classification);
        if (changes.IsEmpty && state.Status != IncidentStatus.UpdatePending)
        {
            return IncidentStep.Nothing;
        }

        var added = changes.Parties.Where(p => p.Change == PartyChangeKind.NewlyAffected).ToList();
        var addedIds = added.Select(p => p.PartyId).ToHashSet(StringComparer.Ordinal);
        var addedCustomers = added.Where(p => p.Kind == PartyKind.Customer).Select(p => p.PartyId).ToList();
        var addedSubprocessors = added.Where(p => p.Kind == PartyKind.Subprocessor).Select(p => p.PartyId).ToList();
        var dated = classified with
        {
            DueTimes = [.. classified.DueTimes.Where(d => !addedIds.Contains(d.RecipientId)), .. _deadlines.DueTimes(now, addedCustomers, addedSubprocessors)],
            StatutoryClocks = [.. classified.StatutoryClocks.Where(c => !addedIds.Contains(c.CustomerId)), .. _deadlines.StatutoryClocks(now, addedCustomers)],
        };

        // Asked once per pending update; the escalation timers carry on until a commander decides.
        IReadOnlyList<WorkflowCommand> commands = state.Status == IncidentStatus.Approved && !changes.IsEmpty
            ? ApprovalCommands(classified.Classification, state.ApprovalRequestsSent, now)
            : [];

        // A newly affected party due before the warning now scheduled (or after the last one, when none is) needs its own
        // timer; the one scheduled before, if any, then finds its sequence used and does nothing.
        if (IncidentState.NextUnwarned(dated.DueTimes, state.WarnedParties) != state.NextUnwarnedDueAt)
        {
            commands = [.. commands, .. DeadlineCommands(dated.DueTimes, state, now)];
        }

        return new IncidentStep([dated, new IncidentUpdatePending(now, SystemActor, changes)], commands);
    }

    private static ScheduleTimer ClassificationTimer(int revision, DateTimeOffset now) => new(TimerKind.Classification, revision, now);

    private IncidentStep OnDecision(IncidentState state, CommanderDecision decision, DateTimeOffset now)
    {
        var actor = $"commander:{decision.CommanderId}";
        switch (decision.Decision)
        {
            case DecisionKind.Approve when state.Status is IncidentStatus.UpdatePending:
                return IncidentStep.Refuse("the incident has a pending update: approve it with approve-update");

            case DecisionKind.Approve when state.Status is IncidentStatus.Closed:
                return IncidentStep.Refuse("the incident is closed");

            case DecisionKind.ApproveUpdate:
                return OnApproveUpdate(state, decision, actor, now);

            case DecisionKind.Close:
                return OnClose(state, decision, actor, now);

            case DecisionKind.OverrideSeverity:
                if (state.Status == IncidentStatus.Received)
                {
                    return IncidentStep.Refuse(StillClassifying);
                }

                if (decision.Severity is not { } given || SeverityOverridden.Names(given).Count == 0 || string.IsNullOrWhiteSpace(decision.Comment))
                {
                    return IncidentStep.Refuse("override-severity needs at least one ENISA input and a reason");
                }

                // The same inputs again change nothing (a retried request).
                return SameJson(state.SeverityOverride, given) ? IncidentStep.Nothing : new IncidentStep([new SeverityOverridden(now, actor, decision.Comment, given)], []);

            case DecisionKind.Approve:
                if (state.Status == IncidentStatus.Approved)
                {
                    // A repeated approval changes nothing; new wording after the notices went out is refused.
                    return Changes(state, decision.Edits) ? IncidentStep.Refuse(EditRefusal(state)) : IncidentStep.Nothing;
                }

                if (state.Status == IncidentStatus.Received)
                {
                    return IncidentStep.Refuse(StillClassifying);
                }

                if (state.Status != IncidentStatus.AwaitingDecision)
                {
                    return IncidentStep.Refuse($"the incident is {state.Status}; reclassify it before approving");
                }

                if (state.RecipientCount == 0)
                {
                    return IncidentStep.Refuse("nobody to notify: reclassify with the affected customers first");
                }

                // Edits sent with the approval are applied first, in the same step: what is approved is what is sent.
                IncidentEvent[] edited = Changes(state, decision.Edits) ? [new NoticeTextEdited(now, actor, decision.Edits!)] : [];
                return new IncidentStep([.. edited, new IncidentApproved(now, actor, decision.Comment, state.RecipientCount)], [new StartFanOut()]);

            case DecisionKind.Edit:
                if (decision.Edits is null || decision.Edits.IsEmpty)
                {
                    return IncidentStep.Refuse("edit needs the edited fields");
                }

                if (!Changes(state, decision.Edits))
                {
                    return IncidentStep.Nothing;
                }

                return state.Status == IncidentStatus.AwaitingDecision
                    ? new IncidentStep([new NoticeTextEdited(now, actor, decision.Edits)], [])
                    : IncidentStep.Refuse(EditRefusal(state));

            case DecisionKind.Reject:
                if (state.Status == IncidentStatus.Rejected)
                {
                    return IncidentStep.Nothing;
                }

                return state.Status switch
                {
                    IncidentStatus.AwaitingDecision => new IncidentStep([new IncidentRejected(now, actor, decision.Comment)], []),
                    IncidentStatus.Received => IncidentStep.Refuse(StillClassifying),
                    _ => IncidentStep.Refuse($"the incident is {state.Status}; only an incident awaiting a decision can be rejected"),
                };

            case DecisionKind.Reclassify:
                if (state.IsNotified)
                {
                    return IncidentStep.Refuse("notices are already going out; an approved incident cannot be reclassified");
                }

                if (decision.Verdict is not { } verdict || string.IsNullOrWhiteSpace(decision.Comment))
                {
                    return IncidentStep.Refuse("reclassify needs a verdict and a reason");
                }

                var unknown = decision.Customers?.Where(c => directory.Customer(c) is null).ToList() ?? [];
                if (unknown.Count > 0)
                {
                    return IncidentStep.Refuse($"unknown customers: {string.Join(", ", unknown)}");
                }

                var reclassified = new IncidentReclassified(now, actor, verdict, decision.Comment);
                var classified = Override(state, verdict, decision.Customers, decision.Comment, actor, now);
                var wasWaiting = state.Status == IncidentStatus.AwaitingDecision;
                IReadOnlyList<WorkflowCommand> commands = wasWaiting || classified.Classification.Verdict == Verdict.NotPersonalDataBreach
                    ? []
                    : [.. ApprovalCommands(classified.Classification, state.ApprovalRequestsSent, now), .. DeadlineCommands(classified.DueTimes, state, now)];
                return new IncidentStep([reclassified, classified], commands);

            default:
                return IncidentStep.Refuse($"unknown decision {decision.Decision}");
        }
    }

    private IncidentStep OnApproveUpdate(IncidentState state, CommanderDecision decision, string actor, DateTimeOffset now)
    {
        if (state.Status == IncidentStatus.Approved && state.Phases.Count > 1 && state.Phases[^1].Kind == PhaseKind.FollowUp)
        {
            // The update was approved already (a retried request): nothing more to send.
            return IncidentStep.Nothing;
        }

        if (state.Status != IncidentStatus.UpdatePending || state.PendingChanges is not { IsEmpty: false } changes)
        {
            return IncidentStep.Refuse($"the incident is {state.Status}; there is no pending update to approve");
        }

        // The newly affected parties' contacts are frozen now: a directory change during the follow-up's fan-out addresses nobody new.
        var added = changes.Parties.Where(p => p.Change == PartyChangeKind.NewlyAffected).ToList();
        var current = state.Classification ?? new Classification.Classification { Verdict = Verdict.NeedsReview };
        var onlyAdded = current with
        {
            AffectedCustomers = [.. added.Where(p => p.Kind == PartyKind.Customer).Select(p => p.PartyId)],
            AffectedSubprocessors = [.. added.Where(p => p.Kind == PartyKind.Subprocessor).Select(p => p.PartyId)],
        };
        var phase = state.Phases.Count;
        return new IncidentStep(
            [new IncidentUpdateApproved(now, actor, decision.Comment, phase, changes, RecipientList.For(directory, onlyAdded, state.DueTimes))],
            [new StartFanOut(phase)]);
    }

    private static IncidentStep OnClose(IncidentState state, CommanderDecision decision, string actor, DateTimeOffset now)
    {
        if (state.Status == IncidentStatus.Closed)
        {
            return IncidentStep.Nothing;
        }

        if (decision.Report is not { } report)
        {
            return IncidentStep.Refuse("close needs the finalReport (rootCause, measuresTaken, dataRecovered)");
        }

        if (report.Problem() is { } problem)
        {
            return IncidentStep.Refuse(problem);
        }

        return state.Status switch
        {
            IncidentStatus.Approved => new IncidentStep([new IncidentClosed(now, actor, decision.Comment, state.Phases.Count, report)], [new StartFanOut(state.Phases.Count)]),
            IncidentStatus.UpdatePending => IncidentStep.Refuse("the incident has a pending update: approve it (approve-update) before closing"),
            _ => IncidentStep.Refuse($"the incident is {state.Status}; only an approved incident is closed with a final report"),
        };
    }

    private IncidentStep OnTimer(IncidentState state, TimerFired timer, DateTimeOffset now)
    {
        if (timer.Timer == TimerKind.DeadlineWarning)
        {
            return OnDeadlineWarning(state, timer.Sequence, now);
        }

        if (timer.Timer == TimerKind.Classification)
        {
            // The caller turns it into ClassificationDue with the detections; it is never decided without them.
            throw new ArgumentException("A classification timer is decided as ClassificationDue, with the incident's detections.", nameof(timer));
        }

        // A timer that fires after what it waited for happened (a decision, or an earlier firing) is a no-op.
        if (timer.Timer != TimerKind.ApprovalRequest || state.Status is not (IncidentStatus.AwaitingDecision or IncidentStatus.UpdatePending)
            || timer.Sequence != state.ApprovalRequestsSent)
        {
            return IncidentStep.Nothing;
        }

        var backups = directory.Commanders.Where(c => c.IsBackup).Select(c => c.Id).ToList();
        var primaries = directory.Commanders.Where(c => !c.IsBackup).Select(c => c.Id).ToList();
        // The first request goes to the primary commanders; every escalation adds the backups.
        List<string> to = timer.Sequence == 0 && primaries.Count > 0 ? primaries : [.. primaries, .. backups];

        return new IncidentStep(
            [new ApprovalRequested(now, SystemActor, timer.Sequence, to)],
            [new NotifyCommanders(to, timer.Sequence), new ScheduleTimer(TimerKind.ApprovalRequest, timer.Sequence + 1, now + settings.ApprovalEscalationInterval)]);
    }

    /// <summary>Whether <paramref name="edits"/> would change the notices' wording the state holds.</summary>
    private static bool Changes(IncidentState state, NoticeEdits? edits) =>
        edits is { IsEmpty: false } && !SameJson((state.NoticeEdits ?? new NoticeEdits()).Merge(edits), (state.NoticeEdits ?? new NoticeEdits()).Merge(new NoticeEdits()));

    /// <summary>
    /// The refusal of an approval or rejection while the incident is Received: its classification timer is due at once, so
    /// this is the demo's "approve right after start" (or a classification that failed and waits in the dead letters).
    /// </summary>
    internal const string StillClassifying =
        "the incident is still being classified; it can be approved or rejected once it awaits a decision, in a few seconds " +
        "(if its classification failed, the incident shows the dead letter: reclassify it by hand)";

    private static string EditRefusal(IncidentState state) => state.Status == IncidentStatus.Approved
        ? "the notices are already approved and going out; their text can no longer be edited"
        : $"the incident is {state.Status}; only the notices of an incident awaiting a decision can be edited";

    // Records holding lists compare lists by reference; the stored JSON is what must not change.
    private static bool SameJson<T>(T a, T b) =>
        System.Text.Json.JsonSerializer.Serialize(a, DomainJson.Options) == System.Text.Json.JsonSerializer.Serialize(b, DomainJson.Options);

    private IncidentStep OnDeadlineWarning(IncidentState state, int sequence, DateTimeOffset now)
    {
        if (state.Status is IncidentStatus.NoBreach or IncidentStatus.Rejected || sequence != state.DeadlineWarningsSent
            || state.NextUnwarnedDueAt is not { } dueAt)
        {
            return IncidentStep.Nothing;
        }

        var parties = state.DueTimes.Where(d => d.DueAt == dueAt && !state.WarnedParties.Contains(d.RecipientId, StringComparer.Ordinal)).Select(d => d.RecipientId).ToList();
        var warned = state with { DeadlineWarningsSent = sequence + 1, WarnedParties = [.. state.WarnedParties, .. parties] };
        return new IncidentStep(
            [new DeadlineApproaching(now, SystemActor, sequence, dueAt, parties)],
            [new WarnDeadline(sequence, dueAt, parties), .. DeadlineCommands(state.DueTimes, warned, now)]);
    }

    /// <summary>
    /// The timer for the next deadline warning: the lead time before the earliest due time of a party not yet warned about (now, if
    /// already inside it), with the state's next warning sequence.
    /// </summary>
    private IReadOnlyList<WorkflowCommand> DeadlineCommands(IReadOnlyList<DueTime> dueTimes, IncidentState state, DateTimeOffset now)
    {
        if (IncidentState.NextUnwarned(dueTimes, state.WarnedParties) is not { } due)
        {
            return [];
        }

        var at = due - settings.DeadlineWarningLead;
        return [new ScheduleTimer(TimerKind.DeadlineWarning, state.DeadlineWarningsSent, at < now ? now : at)];
    }

    private static IReadOnlyList<WorkflowCommand> ApprovalCommands(Classification.Classification classification, int sequence, DateTimeOffset now) =>
        classification.Verdict == Verdict.NotPersonalDataBreach ? [] : [new ScheduleTimer(TimerKind.ApprovalRequest, sequence, now)];

    private IncidentClassified Classify(IReadOnlyList<NormalizedDetection> detections, DateTimeOffset awareAt, DateTimeOffset now) =>
        Classified(_classifier.Classify(detections), awareAt, SystemActor, now);

    private IncidentClassified Override(IncidentState state, Verdict verdict, IReadOnlyList<string>? customers, string reason, string actor, DateTimeOffset now)
    {
        var current = state.Classification ?? new Classification.Classification { Verdict = Verdict.NeedsReview };
        var affected = customers is { Count: > 0 } ? [.. customers.Distinct().Order(StringComparer.Ordinal)] : current.AffectedCustomers;
        var overridden = current with
        {
            Verdict = verdict,
            Confidence = Confidence.High,
            AffectedCustomers = verdict == Verdict.NotPersonalDataBreach ? [] : affected,
            AffectedSubprocessors = verdict == Verdict.NotPersonalDataBreach ? [] : current.AffectedSubprocessors,
            Rationale = [.. current.Rationale, $"override by {actor}: {verdict} ({reason.Trim()})"],
        };
        return Classified(overridden, state.AwareAt, actor, now);
    }

    private IncidentClassified Classified(Classification.Classification classification, DateTimeOffset awareAt, string actor, DateTimeOffset now)
    {
        var due = _deadlines.DueTimes(awareAt, classification.AffectedCustomers, classification.AffectedSubprocessors);
        var statutory = _deadlines.StatutoryClocks(awareAt, classification.AffectedCustomers);
        return new IncidentClassified(now, actor, classification, RecipientList.CountFor(directory, classification), due, statutory);
    }
}
