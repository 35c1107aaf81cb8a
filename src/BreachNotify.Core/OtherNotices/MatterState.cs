namespace BreachNotify.OtherNotices;

/// <summary>A matter's current state: always the fold of its history (<see cref="Apply"/>), stored beside it for speed.</summary>
public sealed record MatterState
{
    public required string Id { get; init; }

    public MatterStatus Status { get; init; }

    public OtherMatter? Matter { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public string? RecordedBy { get; init; }

    public IReadOnlyList<MatterCustomer> Customers { get; init; } = [];

    /// <summary>The notices owed, frozen at approval inline: only in approvals recorded before <see cref="Frozen"/> (empty since).</summary>
    public IReadOnlyList<MatterRecipient> Recipients { get; init; } = [];

    /// <summary>The notices owed, frozen at approval in rows of their own: their count and versions (null before approval, or when inline).</summary>
    public BreachNotify.Notices.RecipientFreeze? Frozen { get; init; }

    /// <summary>How many notices the approval owes, whether frozen in rows or inline.</summary>
    public int RecipientCount => Frozen?.Count ?? Recipients.Count;

    /// <summary>Whether the legal prohibition still holds (set at receipt, cleared when it ends or is lifted).</summary>
    public bool ProhibitionInForce { get; init; }

    /// <summary>When the prohibition ended or was lifted: a notice sent after it says why it is late.</summary>
    public DateTimeOffset? ProhibitionLiftedAt { get; init; }

    /// <summary>The review date a commander set after the one recorded with the prohibition (null: that one holds).</summary>
    public DateTimeOffset? RescheduledReviewAt { get; init; }

    /// <summary>Whether the commanders were reminded at the prohibition's current review date (once per review date).</summary>
    public bool ReviewReminded { get; init; }

    /// <summary>Whether the review reminder was mailed to the commanders.</summary>
    public bool ReviewMailed { get; init; }

    public IReadOnlyList<MatterAcknowledgement> Acknowledgements { get; init; } = [];

    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The number of events folded in: the next event's sequence.</summary>
    public int Version { get; init; }

    /// <summary>The prohibition's current review date: the one a commander set last, else the one recorded with it.</summary>
    public DateTimeOffset? ReviewAt => RescheduledReviewAt ?? Matter?.Prohibition?.ReviewAt;

    /// <summary>Approved and not under a prohibition: the notices are due.</summary>
    public bool Sending => Status == MatterStatus.Approved && !ProhibitionInForce;

    public static MatterState Empty(string id) => new() { Id = id };

    public static MatterState Replay(string id, IEnumerable<MatterEvent> history) => history.Aggregate(Empty(id), (state, e) => state.Apply(e));

    public MatterCustomer? Customer(string customerId) => Customers.FirstOrDefault(c => c.CustomerId == customerId);

    public MatterAcknowledgement? AcknowledgementOf(string customerId) => Acknowledgements.FirstOrDefault(a => a.CustomerId == customerId);

    public MatterState Apply(MatterEvent e)
    {
        var next = e switch
        {
            MatterReceived r => this with
            {
                Status = MatterStatus.AwaitingDecision,
                Matter = r.Matter,
                RecordedAt = r.At,
                RecordedBy = r.Actor,
                Customers = r.Customers,
                ProhibitionInForce = r.Matter.Prohibition is not null,
            },
            MatterApproved a => this with { Status = MatterStatus.Approved, Recipients = a.Recipients, Frozen = a.Frozen, DecidedBy = a.Actor, DecidedAt = a.At },
            MatterRejected r => this with { Status = MatterStatus.Rejected, DecidedBy = r.Actor, DecidedAt = r.At },
            ProhibitionLifted l => this with { ProhibitionInForce = false, ProhibitionLiftedAt = l.At },
            ProhibitionReviewDue => this with { ReviewReminded = true },
            ProhibitionReviewMailed => this with { ReviewMailed = true },
            ProhibitionReviewRescheduled r => this with { RescheduledReviewAt = r.ReviewAt, ReviewReminded = false, ReviewMailed = false },
            WaiverEffortRecorded => this,
            MatterAcknowledged a => this with { Acknowledgements = [.. Acknowledgements, new MatterAcknowledgement(a.CustomerId, a.Basis, a.At, a.Actor)] },
            _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}."),
        };
        return next with { Version = Version + 1 };
    }
}
