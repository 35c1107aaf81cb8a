using BreachNotify.Parties;

namespace BreachNotify.SubprocessorChanges;

/// <summary>
/// A sub-processor change's one decision function: state + message + time -> events, or a refusal. It reads no clock
/// and touches no storage, and a message it has already acted on yields nothing the second time.
/// </summary>
public sealed class SubprocessorChangeDecider(ProcessorDirectory directory)
{
    public const int MaxTextLength = 2000;
    public const int MaxIdLength = 200;
    private const string SystemActor = "system";

    public SubprocessorChangeStep Decide(SubprocessorChangeState? state, SubprocessorChangeMessage message, DateTimeOffset now)
    {
        if (message is AnnounceChange announce)
        {
            return state is { Version: > 0 } ? SubprocessorChangeStep.Nothing : OnAnnounce(announce, now);
        }

        if (state is not { Version: > 0 })
        {
            return SubprocessorChangeStep.Refuse(ChangeRefusal.NotFound("no such sub-processor change"));
        }

        return message switch
        {
            DecideChange m => OnDecision(state, m, now),
            RecordObjection m => OnObjection(state, m, now),
            RecordObjectionOutcome m => OnOutcome(state, m, now),
            RecordAcknowledgement m => OnAcknowledgement(state, m, now),
            CloseObjectionWindows => OnWindowsClosing(state, now),
            AdvanceChangeClocks m => OnClocks(state, m, now),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, "Unknown sub-processor change message."),
        };
    }

    /// <summary>The input checks of an announcement, by field; null when the change is well formed.</summary>
    public ChangeRefusal? Validate(SubprocessorChange change)
    {
        var s = change.Subprocessor;
        if (Blank(s.Id, MaxIdLength))
        {
            return ChangeRefusal.Invalid("subprocessor.id", $"required, at most {MaxIdLength} characters");
        }

        if (change.Kind != ChangeKind.Remove)
        {
            foreach (var (field, value) in new[] { ("name", s.Name), ("entity", s.Entity), ("purpose", s.Purpose), ("location", s.Location) })
            {
                if (Blank(value, MaxIdLength))
                {
                    return ChangeRefusal.Invalid($"subprocessor.{field}", $"required for {change.Kind.ToString().ToLowerInvariant()}, at most {MaxIdLength} characters");
                }
            }
        }

        if (change.Kind == ChangeKind.Replace && Blank(change.Replaces, MaxIdLength))
        {
            return ChangeRefusal.Invalid("replaces", "required for replace: the id of the sub-processor replaced");
        }

        if (change.Kind == ChangeKind.Replace && change.Replaces == s.Id)
        {
            return ChangeRefusal.Invalid("replaces", "a sub-processor cannot replace itself");
        }

        if (change.Kind != ChangeKind.Replace && change.Replaces is not null)
        {
            return ChangeRefusal.Invalid("replaces", "only a replace names the sub-processor it replaces");
        }

        if (change.Services.Count == 0)
        {
            return ChangeRefusal.Invalid("services", "at least one service is needed to find the customers concerned");
        }

        if (change.Services.FirstOrDefault(id => directory.Services.All(sv => sv.Id != id)) is { } unknown)
        {
            return ChangeRefusal.Invalid("services", $"unknown service '{Clip(unknown)}'");
        }

        if (change.Regions.Any(r => Blank(r, MaxIdLength)))
        {
            return ChangeRefusal.Invalid("regions", "a region is empty");
        }

        if (change.Comment is { Length: > MaxTextLength })
        {
            return ChangeRefusal.Invalid("comment", $"at most {MaxTextLength} characters");
        }

        return ChangeAudience.Concerned(directory, change).Count == 0
            ? ChangeRefusal.Invalid(change.Regions.Count > 0 ? "regions" : "services", "no customer uses these services in these regions")
            : null;
    }

    /// <summary>Each concerned customer's terms, with the notice counted from <paramref name="noticeAt"/>.</summary>
    public IReadOnlyList<ObjectionWindow> Windows(SubprocessorChange change, DateTimeOffset noticeAt) =>
        [.. ChangeAudience.Concerned(directory, change).Select(c => ObjectionWindow.For(c, directory.Processor, change.EffectiveAt, noticeAt))];

    private SubprocessorChangeStep OnAnnounce(AnnounceChange m, DateTimeOffset now)
    {
        if (Validate(m.Change) is { } invalid)
        {
            return SubprocessorChangeStep.Refuse(invalid);
        }

        var windows = Windows(m.Change, now);
        if (NoticeGate.Check(windows, m.Change.EffectiveAt, now) is { } gate)
        {
            return SubprocessorChangeStep.Refuse(gate);
        }

        var recipients = ChangeAudience.Recipients(ChangeAudience.Concerned(directory, m.Change), windows);
        return SubprocessorChangeStep.Of(new ChangeAnnounced(now, Commander(m.CommanderId), m.Change, windows, recipients.Count));
    }

    private SubprocessorChangeStep OnDecision(SubprocessorChangeState state, DecideChange m, DateTimeOffset now)
    {
        var actor = Commander(m.CommanderId);
        if (m.Comment is { Length: > MaxTextLength })
        {
            return SubprocessorChangeStep.Refuse(ChangeRefusal.Invalid("comment", $"at most {MaxTextLength} characters"));
        }

        switch (m.Decision)
        {
            case ChangeDecisionKind.Approve when state.Status == ChangeStatus.Approved:
            case ChangeDecisionKind.Reject when state.Status == ChangeStatus.Rejected:
            case ChangeDecisionKind.Withdraw when state.Status == ChangeStatus.Withdrawn:
                return SubprocessorChangeStep.Nothing;
            case ChangeDecisionKind.Withdraw when state.TookEffectAt is { } tookEffect:
                return SubprocessorChangeStep.Refuse(ChangeRefusal.Conflict(
                    $"the change took effect at {tookEffect:O}; announce another change to undo it"));
            case ChangeDecisionKind.Withdraw when state.Status is ChangeStatus.AwaitingDecision or ChangeStatus.Approved:
                return SubprocessorChangeStep.Of(new ChangeWithdrawn(now, actor, m.Comment, state.Status == ChangeStatus.Approved));
            case ChangeDecisionKind.Reject when state.Status == ChangeStatus.AwaitingDecision:
                return SubprocessorChangeStep.Of(new ChangeRejected(now, actor, m.Comment));
            case ChangeDecisionKind.Approve when state.Status == ChangeStatus.AwaitingDecision:
                return Approve(state, actor, m.Comment, now);
            default:
                return SubprocessorChangeStep.Refuse(ChangeRefusal.Conflict(
                    $"the change is {state.Status}; it cannot be {Past(m.Decision)}"));
        }
    }

    /// <summary>
    /// Approval fixes the notices' time (now) and the recipients; the gate is checked again, since an approval made late
    /// may no longer give every customer its notice before the effective time.
    /// </summary>
    private SubprocessorChangeStep Approve(SubprocessorChangeState state, string actor, string? comment, DateTimeOffset now)
    {
        var change = state.Change!;
        var concerned = ChangeAudience.Concerned(directory, change).Where(c => state.Window(c.Id) is not null).ToList();
        var windows = state.Windows.Select(w => w.SentAt(now)).ToList();
        if (NoticeGate.Check(windows, change.EffectiveAt, now) is { } gate)
        {
            return SubprocessorChangeStep.Refuse(gate);
        }

        return SubprocessorChangeStep.Of(new ChangeApproved(now, actor, comment, windows, ChangeAudience.Recipients(concerned, windows)));
    }

    private SubprocessorChangeStep OnObjection(SubprocessorChangeState state, RecordObjection m, DateTimeOffset now)
    {
        if (state.Window(m.CustomerId) is not { } window)
        {
            return SubprocessorChangeStep.Refuse(ChangeRefusal.NotFound($"the change does not concern customer '{Clip(m.CustomerId)}'"));
        }

        if (string.IsNullOrWhiteSpace(m.Reason) || m.Reason.Length > MaxTextLength)
        {
            return SubprocessorChangeStep.Refuse(ChangeRefusal.Invalid("reason", $"an objection needs a reason, at most {MaxTextLength} characters"));
        }

        if (state.Status != ChangeStatus.Approved)
        {
            return SubprocessorChangeStep.Refuse(ChangeRefusal.Conflict($"the change is {state.Status}; only an approved change takes objections"));
        }

        if (state.ObjectionOf(m.CustomerId) is not null)
        {
            return SubprocessorChangeStep.Nothing;
        }

        if (!window.IsOpenAt(now))
        {
            return SubprocessorChangeStep.Refuse(ChangeRefusal.Conflict($"window closed: objections were accepted until {window.ObjectByAt:O}"));
        }

        return SubprocessorChangeStep.Of(new ObjectionRecorded(now, m.By, m.CustomerId, m.Reason.Trim(), now.AddDays(directory.Processor.DefaultCureDays)));
    }

    private static SubprocessorChangeStep OnOutcome(SubprocessorChangeState state, RecordObjectionOutcome m, DateTimeOffset now)
    {
        if (state.ObjectionOf(m.CustomerId) is not { } objection)
        {
            return SubprocessorChangeStep.Refuse(ChangeRefusal.NotFound($"customer '{Clip(m.CustomerId)}' has not objected to this change"));
        }

        if (m.Comment is { Length: > MaxTextLength })
        {
            return SubprocessorChangeStep.Refuse(ChangeRefusal.Invalid("comment", $"at most {MaxTextLength} characters"));
        }

        if (objection.Outcome == m.Outcome)
        {
            return SubprocessorChangeStep.Nothing;
        }

        if (objection.IsSettled)
        {
            return SubprocessorChangeStep.Refuse(ChangeRefusal.Conflict($"the objection is settled already ({objection.Outcome})"));
        }

        return SubprocessorChangeStep.Of(new ObjectionOutcomeRecorded(now, Commander(m.CommanderId), m.CustomerId, m.Outcome, m.Comment));
    }

    /// <summary>The first acknowledgement stands; one after an objection changes nothing (the objection stands).</summary>
    private static SubprocessorChangeStep OnAcknowledgement(SubprocessorChangeState state, RecordAcknowledgement m, DateTimeOffset now)
    {
        if (state.Window(m.CustomerId) is null)
        {
            return SubprocessorChangeStep.Refuse(ChangeRefusal.NotFound($"the change does not concern customer '{Clip(m.CustomerId)}'"));
        }

        if (state.Status != ChangeStatus.Approved)
        {
            return SubprocessorChangeStep.Refuse(ChangeRefusal.Conflict($"the change is {state.Status}; nothing was sent to acknowledge"));
        }

        return state.ConsentOf(m.CustomerId) is not null || state.ObjectionOf(m.CustomerId) is not null
            ? SubprocessorChangeStep.Nothing
            : SubprocessorChangeStep.Of(new ConsentRecorded(now, m.By, m.CustomerId, ConsentBasis.Acknowledged));
    }

    private static SubprocessorChangeStep OnWindowsClosing(SubprocessorChangeState state, DateTimeOffset now)
    {
        if (state.Status != ChangeStatus.Approved)
        {
            return SubprocessorChangeStep.Nothing;
        }

        return new SubprocessorChangeStep(
        [
            .. state.Windows
                .Where(w => !w.IsOpenAt(now) && state.ConsentOf(w.CustomerId) is null && state.ObjectionOf(w.CustomerId) is null)
                .Select(w => new ConsentRecorded(w.ObjectByAt, SystemActor, w.CustomerId, ConsentBasis.NoObjectionInWindow)),
        ]);
    }

    /// <summary>
    /// The change's timers: each notice deadline that came (with the customers whose notices were not all sent), each
    /// waiting objection's cure reminder (only the latest round when several came at once) or the end of its cure period,
    /// and the effective time. Recorded at the time each fact holds (a deadline, the effective time), reminders now.
    /// </summary>
    private static SubprocessorChangeStep OnClocks(SubprocessorChangeState state, AdvanceChangeClocks m, DateTimeOffset now)
    {
        if (state.Status != ChangeStatus.Approved)
        {
            return SubprocessorChangeStep.Nothing;
        }

        var events = new List<SubprocessorChangeEvent>();
        if (state.NoticeDeadlineDue(now))
        {
            var checkedNow = state.Windows
                .Where(w => w.NoticeSentBy <= now && (state.NoticeDeadlinesCheckedUntil is not { } until || w.NoticeSentBy > until))
                .Select(w => w.CustomerId).ToList();
            events.Add(new NoticeDeadlinePassed(now, SystemActor, checkedNow, [.. checkedNow.Where(m.UnsentCustomers.Contains)]));
        }

        foreach (var objection in state.Objections.Where(o => o.AwaitsOutcome && o.CureEndedAt is null))
        {
            if (now >= objection.CureDeadline)
            {
                events.Add(new CurePeriodEnded(objection.CureDeadline, SystemActor, objection.CustomerId));
            }
            else if (CureClock.RoundAt(objection, now) is var round && round > objection.RemindedRounds)
            {
                events.Add(new CureReminderDue(now, SystemActor, objection.CustomerId, round, objection.CureDeadline));
            }
        }

        if (state.TookEffectAt is null && now >= state.Change!.EffectiveAt)
        {
            events.Add(new ChangeTookEffect(state.Change.EffectiveAt, SystemActor));
        }

        return new SubprocessorChangeStep(events);
    }

    private static string Commander(string id) => $"commander:{id}";

    private static string Past(ChangeDecisionKind decision) => decision switch
    {
        ChangeDecisionKind.Approve => "approved",
        ChangeDecisionKind.Reject => "rejected",
        _ => "withdrawn",
    };

    private static bool Blank(string? value, int max) => string.IsNullOrWhiteSpace(value) || value.Length > max;

    private static string Clip(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
