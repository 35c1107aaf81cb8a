using BreachNotify.Acknowledgements;

namespace BreachNotify.Notices;

/// <summary>
/// One notice's lifecycle as a value: its claim and attempts, what the provider reported, the recipient's answer, its
/// reminders and links, and (a sub-processor change notice) its objection and follow-up mails. Each transition takes its
/// input and the time and returns the next state with what it came to (<see cref="NoticeTransition"/>); nothing here
/// reads a clock, makes a secret or touches storage. The store applies a transition under the row's ETag.
/// </summary>
public sealed record Notice
{
    /// <summary>A notice planned and not yet claimed by anyone.</summary>
    public static readonly Notice Planned = new();

    public NoticeStatus Status { get; init; } = NoticeStatus.Pending;

    /// <summary>How many times the notice was claimed for sending.</summary>
    public int Attempts { get; init; }

    /// <summary>When the first send was tried: the start of the bounded time to deliver.</summary>
    public DateTimeOffset? FirstAttemptAt { get; init; }

    /// <summary>While "sending": when the claim was taken or last renewed (the lease counts from then).</summary>
    public DateTimeOffset? SendingSince { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>When the provider reported the notice bounced or dropped (the event's time).</summary>
    public DateTimeOffset? BouncedAt { get; init; }

    /// <summary>While set (and <see cref="BounceAlertedAt"/> is not), one request is mailing the commanders about the bounce.</summary>
    public DateTimeOffset? BounceAlertClaimedAt { get; init; }

    /// <summary>When the commanders were told of the bounce: they are told once.</summary>
    public DateTimeOffset? BounceAlertedAt { get; init; }

    public string? LastError { get; init; }

    /// <summary>SHA-256 hashes of the live acknowledgement tokens (the notice's and each reminder's), comma-separated.</summary>
    public string? TokenHashes { get; init; }

    public DateTimeOffset? TokenExpiresAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? AcknowledgedBy { get; init; }

    public string? AcknowledgementComment { get; init; }

    public string? AcknowledgedFrom { get; init; }

    /// <summary>How many reminder rounds went to the recipient (or, past the last, were escalated).</summary>
    public int ReminderCount { get; init; }

    /// <summary>A sub-processor change notice: when its recipient objected through the link.</summary>
    public DateTimeOffset? ObjectedAt { get; init; }

    public string? ObjectedBy { get; init; }

    public string? ObjectionReason { get; init; }

    /// <summary>When the objection receipt was claimed for sending: it goes once.</summary>
    public DateTimeOffset? ObjectionReceiptSentAt { get; init; }

    /// <summary>A withdrawn change: when this recipient's withdrawal notice was claimed for sending: it goes once.</summary>
    public DateTimeOffset? WithdrawalSentAt { get; init; }

    /// <summary>Claimed by a worker whose lease still runs: nobody else may send it.</summary>
    public bool IsHeld(DateTimeOffset now, TimeSpan lease) => Status == NoticeStatus.Sending && SendingSince + lease > now;

    /// <summary>Waiting to be sent: never claimed, handed back, or left "sending" past its lease by a worker that died.</summary>
    public bool IsClaimable(DateTimeOffset now, TimeSpan lease) =>
        Status == NoticeStatus.Pending || (Status == NoticeStatus.Sending && SendingSince + lease <= now);

    public bool AcceptsToken(AcknowledgementToken token) =>
        (TokenHashes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Any(token.Matches);

    /// <summary>An unacknowledged notice's links stop working at their expiry; an acknowledged one stays readable.</summary>
    public bool LinkExpired(DateTimeOffset now) => AcknowledgedAt is null && TokenExpiresAt < now;

    /// <summary>
    /// Claims the notice for one send attempt: "sending" from <paramref name="now"/>, one more attempt, and a fresh link
    /// (earlier links stay valid in case an earlier attempt did reach the recipient). Refused while another worker holds
    /// it, and once it got further than "sending".
    /// </summary>
    public NoticeTransition Claim(DateTimeOffset now, TimeSpan lease, string tokenHash, DateTimeOffset tokenExpiresAt)
    {
        if (!IsClaimable(now, lease))
        {
            return NoticeTransition.Refused(this);
        }

        return NoticeTransition.To(this, this with
        {
            Status = NoticeStatus.Sending,
            SendingSince = now,
            FirstAttemptAt = FirstAttemptAt ?? now,
            Attempts = Attempts + 1,
            TokenHashes = WithToken(tokenHash),
            TokenExpiresAt = tokenExpiresAt,
        });
    }

    /// <summary>Renews the claim of a notice still "sending" (its lease counts from <paramref name="now"/>).</summary>
    public NoticeTransition RenewLease(DateTimeOffset now) =>
        Status == NoticeStatus.Sending ? NoticeTransition.To(this, this with { SendingSince = now }) : NoticeTransition.Refused(this);

    /// <summary>
    /// A notice taken over from a crashed worker that the provider says it already accepted: sent (when the claim was
    /// taken, if known), not sent again.
    /// </summary>
    public NoticeTransition SettleAccepted(DateTimeOffset now) =>
        Status == NoticeStatus.Sending
            ? NoticeTransition.To(this, this with { Status = NoticeStatus.Sent, SentAt = SendingSince ?? now })
            : NoticeTransition.Refused(this);

    /// <summary>
    /// Records what the provider said to attempt <paramref name="attempt"/>: accepted, sent; maybe accepted, still
    /// "sending" (after the lease the takeover asks the provider before resending); not taken but retryable, back to
    /// pending so any worker may send it; otherwise, or past <paramref name="giveUpAfter"/> from the first attempt,
    /// failed. A notice another worker has claimed since (another attempt) is refused: its record is that worker's. One
    /// that got further meanwhile (a delivery event, an acknowledgement arrived first) keeps its status and error and
    /// only gains its sending time.
    /// </summary>
    public NoticeTransition RecordAttempt(int attempt, AttemptOutcome outcome, DateTimeOffset now, TimeSpan giveUpAfter)
    {
        if (Attempts != attempt)
        {
            return NoticeTransition.Refused(this);
        }

        var inTime = now - (FirstAttemptAt ?? now) < giveUpAfter;
        var result = outcome switch
        {
            { Accepted: true } => this with { Status = NoticeStatus.Sent, SentAt = now, LastError = null },
            { MayHaveBeenAccepted: true } when inTime => this with { LastError = outcome.Error },
            { Retryable: true } when inTime => this with { Status = NoticeStatus.Pending, SendingSince = null, LastError = outcome.Error },
            _ => this with { Status = NoticeStatus.Failed, LastError = outcome.Error },
        };
        var next = Status == NoticeStatus.Sending ? result : this with { SentAt = SentAt ?? result.SentAt };
        return next == this ? NoticeTransition.Unchanged(this) : NoticeTransition.To(this, next);
    }

    /// <summary>
    /// Folds one delivery event in, so that the same event twice changes nothing and a late event never downgrades the
    /// notice: delivered moves it on to Delivered (an acknowledged one keeps its status and gains its delivery time; a
    /// bounce stands); a bounce or drop wins over delivered (an acknowledged notice keeps its status and records the
    /// provider's word); a deferral only records its reason while the notice is still on its way. The first bounce
    /// claims the commanders' alert; a repeated bounce claims it again only if the claim was released or its request
    /// died past <paramref name="alertLease"/>.
    /// </summary>
    /// <param name="now">When the event is recorded: the event's time when it has none, and the alert claim's time.</param>
    public NoticeTransition ApplyDeliveryEvent(DeliveryReport report, DateTimeOffset now, TimeSpan alertLease)
    {
        var at = report.At ?? now;
        switch (report.Kind)
        {
            case DeliveryEventKind.Delivered:
                if (Status == NoticeStatus.Acknowledged)
                {
                    return DeliveredAt is null ? NoticeTransition.To(this, this with { DeliveredAt = at }) : NoticeTransition.Unchanged(this);
                }

                if (Status is NoticeStatus.Delivered or NoticeStatus.Bounced)
                {
                    // Delivered already; or a bounce, which stands (a later "delivered" cannot undo it).
                    return NoticeTransition.Unchanged(this);
                }

                return NoticeTransition.To(this, this with { Status = NoticeStatus.Delivered, DeliveredAt = at, LastError = null });

            case DeliveryEventKind.Deferred:
                var deferred = $"deferred: {report.Reason ?? "no reason given"}";
                if (Status is not (NoticeStatus.Pending or NoticeStatus.Sending or NoticeStatus.Sent) || LastError == deferred)
                {
                    return NoticeTransition.Unchanged(this); // Late (the notice got further meanwhile), or a repeat.
                }

                return NoticeTransition.To(this, this with { LastError = deferred });

            case DeliveryEventKind.Bounce or DeliveryEventKind.Dropped:
                var error = report.Kind == DeliveryEventKind.Bounce
                    ? $"bounce ({report.BounceType ?? "bounce"}): {report.Reason ?? "no reason given"}"
                    : $"dropped: {report.Reason ?? "no reason given"}";
                if (Status == NoticeStatus.Acknowledged)
                {
                    // Someone acknowledged it: it reached them. The provider's word is kept, the status stands.
                    return LastError == error ? NoticeTransition.Unchanged(this) : NoticeTransition.To(this, this with { LastError = error });
                }

                if (Status == NoticeStatus.Bounced)
                {
                    // A repeat. The alert is owed only if an earlier request claimed it and gave up (or died past its lease).
                    return BounceAlertedAt is null && (BounceAlertClaimedAt is null || BounceAlertClaimedAt + alertLease <= now)
                        ? new NoticeTransition(this, this with { BounceAlertClaimedAt = now }, NoticeOutcome.Unchanged, NoticeEffects.AlertCommandersOfBounce)
                        : NoticeTransition.Unchanged(this);
                }

                return new NoticeTransition(
                    this,
                    this with { Status = NoticeStatus.Bounced, BouncedAt = at, LastError = error, BounceAlertClaimedAt = now },
                    NoticeOutcome.Applied,
                    NoticeEffects.AlertCommandersOfBounce);

            default:
                return NoticeTransition.Unchanged(this);
        }
    }

    /// <summary>A bounced notice whose commanders' alert is neither sent nor claimed by a live request.</summary>
    public bool BounceAlertOwed => Status == NoticeStatus.Bounced && BounceAlertedAt is null;

    /// <summary>The commanders' alert of the bounce went out: they are told once.</summary>
    public NoticeTransition RecordBounceAlertSent(DateTimeOffset now) =>
        BounceAlertedAt is null ? NoticeTransition.To(this, this with { BounceAlertedAt = now }) : NoticeTransition.Unchanged(this);

    /// <summary>
    /// The alert claimed at <paramref name="claimedAt"/> did not go out: released, so the provider's next post of the
    /// bounce claims it again. Refused when somebody else has claimed it since, or it was sent.
    /// </summary>
    public NoticeTransition ReleaseBounceAlert(DateTimeOffset? claimedAt) =>
        BounceAlertedAt is null && BounceAlertClaimedAt == claimedAt && claimedAt is not null
            ? NoticeTransition.To(this, this with { BounceAlertClaimedAt = null })
            : NoticeTransition.Refused(this);

    /// <summary>
    /// The recipient's acknowledgement, in any status (it reached them): the first one stands (a second is unchanged);
    /// refused once the links expired.
    /// </summary>
    public NoticeTransition Acknowledge(string by, string? comment, string? from, DateTimeOffset now)
    {
        if (AcknowledgedAt is not null)
        {
            return NoticeTransition.Unchanged(this);
        }

        if (LinkExpired(now))
        {
            return NoticeTransition.Refused(this);
        }

        return NoticeTransition.To(this, this with
        {
            Status = NoticeStatus.Acknowledged,
            AcknowledgedAt = now,
            AcknowledgedBy = by,
            AcknowledgementComment = comment,
            AcknowledgedFrom = from,
        });
    }

    /// <summary>Sent or delivered and not acknowledged: a reminder round may fall due.</summary>
    public bool AwaitsReminder(int round) => Status is NoticeStatus.Sent or NoticeStatus.Delivered && ReminderCount == round;

    /// <summary>
    /// Advances the reminder rounds from <paramref name="round"/> (0 the first) by one, before the reminder goes, so a
    /// redelivered timer sends nothing twice; with a reminder's fresh link (the earlier ones stay valid), or without one
    /// when the round is the escalation to the commanders. Refused when the round was done already, or the notice was
    /// acknowledged (or bounced, failed) meanwhile.
    /// </summary>
    public NoticeTransition RecordReminder(int round, string? tokenHash = null, DateTimeOffset? tokenExpiresAt = null)
    {
        if (!AwaitsReminder(round))
        {
            return NoticeTransition.Refused(this);
        }

        return NoticeTransition.To(this, tokenHash is null
            ? this with { ReminderCount = round + 1 }
            : this with { ReminderCount = round + 1, TokenHashes = WithToken(tokenHash), TokenExpiresAt = tokenExpiresAt ?? TokenExpiresAt });
    }

    /// <summary>A change notice's recipient objected through the link; refused when an objection is recorded already.</summary>
    public NoticeTransition RecordObjection(string by, string reason, DateTimeOffset now) =>
        ObjectedAt is null
            ? NoticeTransition.To(this, this with { ObjectedAt = now, ObjectedBy = by, ObjectionReason = reason })
            : NoticeTransition.Refused(this);

    /// <summary>
    /// Takes back an objection the change refused after all (its window closed a moment ago, it was withdrawn); refused
    /// when there is none, or its receipt went out already.
    /// </summary>
    public NoticeTransition RetractObjection() =>
        ObjectedAt is not null && ObjectionReceiptSentAt is null
            ? NoticeTransition.To(this, this with { ObjectedAt = null, ObjectedBy = null, ObjectionReason = null })
            : NoticeTransition.Refused(this);

    /// <summary>Claims the objection receipt for sending, before it goes: it goes once.</summary>
    public NoticeTransition MarkObjectionReceiptSent(DateTimeOffset now) =>
        ObjectedAt is not null && ObjectionReceiptSentAt is null
            ? NoticeTransition.To(this, this with { ObjectionReceiptSentAt = now })
            : NoticeTransition.Refused(this);

    /// <summary>Claims a withdrawn change's notice to this recipient for sending, before it goes: it goes once, and only to a notice that went out.</summary>
    public NoticeTransition MarkWithdrawalSent(DateTimeOffset now) =>
        SentAt is not null && WithdrawalSentAt is null
            ? NoticeTransition.To(this, this with { WithdrawalSentAt = now })
            : NoticeTransition.Refused(this);

    private string WithToken(string tokenHash) => string.IsNullOrEmpty(TokenHashes) ? tokenHash : $"{TokenHashes},{tokenHash}";
}
