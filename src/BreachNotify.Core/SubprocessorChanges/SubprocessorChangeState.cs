namespace BreachNotify.SubprocessorChanges;

/// <summary>A change's current state: always the fold of its history (<see cref="Apply"/>), stored beside it for speed.</summary>
public sealed record SubprocessorChangeState
{
    public required string Id { get; init; }

    public ChangeStatus Status { get; init; }

    public SubprocessorChange? Change { get; init; }

    public DateTimeOffset AnnouncedAt { get; init; }

    public string? AnnouncedBy { get; init; }

    /// <summary>Each concerned customer's notice and objection terms.</summary>
    public IReadOnlyList<ObjectionWindow> Windows { get; init; } = [];

    /// <summary>How many notices an approval sends.</summary>
    public int RecipientCount { get; init; }

    /// <summary>The notices owed, frozen at approval inline: only in approvals recorded before <see cref="Frozen"/> (empty since).</summary>
    public IReadOnlyList<ChangeRecipient> Recipients { get; init; } = [];

    /// <summary>The notices owed, frozen at approval in rows of their own: their count and versions (null before approval, or when inline).</summary>
    public BreachNotify.Notices.RecipientFreeze? Frozen { get; init; }

    public IReadOnlyList<Objection> Objections { get; init; } = [];

    public IReadOnlyList<Consent> Consents { get; init; } = [];

    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Withdrawn after approval: the customers are owed a withdrawal notice.</summary>
    public bool WithdrawalNoticesOwed { get; init; }

    /// <summary>When the change took effect (recorded by its timer at the effective time); null before.</summary>
    public DateTimeOffset? TookEffectAt { get; init; }

    /// <summary>The notice deadlines (<see cref="ObjectionWindow.NoticeSentBy"/>) up to this time have been checked.</summary>
    public DateTimeOffset? NoticeDeadlinesCheckedUntil { get; init; }

    /// <summary>The number of events folded in: the next event's sequence.</summary>
    public int Version { get; init; }

    public static SubprocessorChangeState Empty(string id) => new() { Id = id };

    public static SubprocessorChangeState Replay(string id, IEnumerable<SubprocessorChangeEvent> history) =>
        history.Aggregate(Empty(id), (state, e) => state.Apply(e));

    public ObjectionWindow? Window(string customerId) => Windows.FirstOrDefault(w => w.CustomerId == customerId);

    public Objection? ObjectionOf(string customerId) => Objections.FirstOrDefault(o => o.CustomerId == customerId);

    public Consent? ConsentOf(string customerId) => Consents.FirstOrDefault(c => c.CustomerId == customerId);

    /// <summary>Whether a customer's notice deadline has come by <paramref name="now"/> and was not checked yet.</summary>
    public bool NoticeDeadlineDue(DateTimeOffset now) =>
        Status == ChangeStatus.Approved && Windows.Any(w => w.NoticeSentBy <= now && (NoticeDeadlinesCheckedUntil is not { } until || w.NoticeSentBy > until));

    /// <summary>
    /// When the change's timers next ask for something: its effective time, the next unchecked notice deadline, or an
    /// objection's next cure reminder or end. Null when nothing is left (or the change is no longer approved).
    /// </summary>
    public DateTimeOffset? NextClockAt()
    {
        if (Status != ChangeStatus.Approved || Change is null)
        {
            return null;
        }

        var times = new List<DateTimeOffset>();
        if (TookEffectAt is null)
        {
            times.Add(Change.EffectiveAt);
        }

        times.AddRange(Windows.Where(w => NoticeDeadlinesCheckedUntil is not { } until || w.NoticeSentBy > until).Select(w => w.NoticeSentBy));
        times.AddRange(Objections.Select(CureClock.NextAt).OfType<DateTimeOffset>());
        return times.Count == 0 ? null : times.Min();
    }

    public SubprocessorChangeState Apply(SubprocessorChangeEvent e)
    {
        var next = e switch
        {
            ChangeAnnounced a => this with
            {
                Status = ChangeStatus.AwaitingDecision,
                Change = a.Change,
                AnnouncedAt = a.At,
                AnnouncedBy = a.Actor,
                Windows = a.Windows,
                RecipientCount = a.RecipientCount,
            },
            ChangeApproved a => this with
            {
                Status = ChangeStatus.Approved,
                Windows = a.Windows,
                Recipients = a.Recipients,
                Frozen = a.Frozen,
                RecipientCount = a.RecipientCount,
                DecidedBy = a.Actor,
                DecidedAt = a.At,
            },
            ChangeRejected r => this with { Status = ChangeStatus.Rejected, DecidedBy = r.Actor, DecidedAt = r.At },
            ChangeWithdrawn w => this with { Status = ChangeStatus.Withdrawn, DecidedBy = w.Actor, DecidedAt = w.At, WithdrawalNoticesOwed = w.AfterApproval },
            ObjectionRecorded o => this with
            {
                Objections = [.. Objections, new Objection(o.CustomerId, o.At, o.Actor, o.Reason, o.CureDeadline)],
                // An objection within the window overrides an earlier acknowledgement.
                Consents = [.. Consents.Where(c => c.CustomerId != o.CustomerId)],
            },
            ObjectionOutcomeRecorded r => this with
            {
                Objections = [.. Objections.Select(o => o.CustomerId == r.CustomerId ? o with { Outcome = r.Outcome, OutcomeAt = r.At, OutcomeComment = r.Comment } : o)],
                Status = r.Outcome == ObjectionOutcome.Cancelled ? ChangeStatus.Cancelled : Status,
            },
            ConsentRecorded c => this with { Consents = [.. Consents, new Consent(c.CustomerId, c.Basis, c.At)] },
            CureReminderDue r => this with
            {
                Objections = [.. Objections.Select(o => o.CustomerId == r.CustomerId ? o with { RemindedRounds = r.Round } : o)],
            },
            CurePeriodEnded c => this with
            {
                Objections = [.. Objections.Select(o => o.CustomerId == c.CustomerId ? o with { CureEndedAt = c.At } : o)],
            },
            ChangeTookEffect t => this with { TookEffectAt = t.At },
            NoticeDeadlinePassed n => this with { NoticeDeadlinesCheckedUntil = n.At },
            _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}."),
        };
        return next with { Version = Version + 1 };
    }
}
