using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using BreachNotify.Notices;
using BreachNotify.Parties;

namespace BreachNotify.Adapters.Tables;

/// <summary>One notice's row in its incident's partition: who it goes to, where it stands, and its acknowledgement.</summary>
public sealed class NoticeRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Batch { get; set; }

    public string Status { get; set; } = nameof(NoticeStatus.Pending);

    public string PartyKind { get; set; } = "";

    public string PartyId { get; set; } = "";

    public string PartyName { get; set; } = "";

    public int ContactIndex { get; set; }

    public string ContactName { get; set; } = "";

    public string Email { get; set; } = "";

    public string Locale { get; set; } = "en";

    /// <summary>"email" (rows written before webhooks existed have no column and read as it) or "webhook"; <see cref="Email"/> then holds the URL.</summary>
    public string Channel { get; set; } = ChannelName(RecipientChannel.Email);

    public DateTimeOffset DueAt { get; set; }

    /// <summary>SHA-256 hashes of the live acknowledgement tokens (the notice's and each reminder's), comma-separated.</summary>
    public string? TokenHashes { get; set; }

    public DateTimeOffset? TokenExpiresAt { get; set; }

    public DateTimeOffset? SendingSince { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the first send was tried: the start of the bounded time to deliver.</summary>
    public DateTimeOffset? FirstAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>When SendGrid reported the notice bounced or dropped (the event's time).</summary>
    public DateTimeOffset? BouncedAt { get; set; }

    /// <summary>While set (and <see cref="BounceAlertedAt"/> is not), one request is mailing the commanders about the bounce.</summary>
    public DateTimeOffset? BounceAlertClaimedAt { get; set; }

    /// <summary>When the commanders were told of the bounce: they are told once.</summary>
    public DateTimeOffset? BounceAlertedAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public string? AcknowledgementComment { get; set; }

    public string? AcknowledgedFrom { get; set; }

    public int ReminderCount { get; set; }

    /// <summary>A sub-processor change notice: when its recipient objected through the link (the objection itself is on the change).</summary>
    public DateTimeOffset? ObjectedAt { get; set; }

    public string? ObjectedBy { get; set; }

    public string? ObjectionReason { get; set; }

    /// <summary>When the objection receipt was claimed for sending: it goes once.</summary>
    public DateTimeOffset? ObjectionReceiptSentAt { get; set; }

    /// <summary>A withdrawn change: when this recipient's withdrawal notice was claimed for sending: it goes once.</summary>
    public DateTimeOffset? WithdrawalSentAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>A later phase's notice to a party told before: "followUp" or "closing" (null: a first notice).</summary>
    public string? PhaseNoticeKind { get; set; }

    /// <summary>A follow-up's or closing's original notice (the party's first), as a notice id.</summary>
    public string? RefersTo { get; set; }

    /// <summary>A follow-up to a party no longer affected: it says so.</summary>
    public bool? NoLongerAffected { get; set; }

    /// <summary>The phase the notice belongs to (0 the first notices): its sequence.</summary>
    [IgnoreDataMember]
    public int Sequence => BreachNotify.Notices.NoticeId.PhaseOf(NoticeId);

    /// <summary>What the notice is, as the API spells it: "initial", "followUp" or "closing".</summary>
    [IgnoreDataMember]
    public string NoticeKind => PhaseNoticeKind ?? "initial";

    [IgnoreDataMember]
    public string IncidentId => PartitionKey;

    [IgnoreDataMember]
    public string NoticeId => RowKeys.NoticeIdOf(RowKey);

    [IgnoreDataMember]
    public NoticeStatus State
    {
        get => Enum.Parse<NoticeStatus>(Status);
        set => Status = value.ToString();
    }

    public static NoticeRecord Plan(string incidentId, PlannedNotice notice) => new()
    {
        PartitionKey = incidentId,
        RowKey = RowKeys.Notice(incidentId, notice.NoticeId),
        Batch = notice.Batch,
        PartyKind = notice.Recipient.Kind.ToString(),
        PartyId = notice.Recipient.PartyId,
        PartyName = notice.Recipient.PartyName,
        ContactIndex = notice.Recipient.ContactIndex,
        ContactName = notice.Recipient.ContactName,
        Email = notice.Recipient.Email,
        Locale = notice.Recipient.Locale,
        DueAt = notice.Recipient.DueAt,
        Channel = ChannelName(notice.Recipient.Channel),
        PhaseNoticeKind = notice.Recipient.Notice is { Kind: not BreachNotify.Incidents.PhaseKind.Initial } n ? n.KindName : null,
        NoLongerAffected = notice.Recipient.Notice is { NoLongerAffected: true } ? true : null,
    };

    [IgnoreDataMember]
    public RecipientChannel ChannelKind => Enum.TryParse<RecipientChannel>(Channel, ignoreCase: true, out var channel) ? channel : RecipientChannel.Email;

    public static string ChannelName(RecipientChannel channel) => channel.ToString().ToLowerInvariant();

    [IgnoreDataMember]
    public Recipient Recipient => new(Enum.Parse<PartyKind>(PartyKind), PartyId, PartyName, ContactIndex, ContactName, Email, Locale, DueAt, ChannelKind)
    {
        Notice = Sequence <= 0 ? null : new BreachNotify.Incidents.PhaseNotice(
            Sequence,
            PhaseNoticeKind switch { "followUp" => BreachNotify.Incidents.PhaseKind.FollowUp, "closing" => BreachNotify.Incidents.PhaseKind.Closing, _ => BreachNotify.Incidents.PhaseKind.Initial },
            RefersTo is null ? Sequence : Math.Max(0, BreachNotify.Notices.NoticeId.PhaseOf(RefersTo)),
            NoLongerAffected == true),
    };

    public bool AcceptsToken(BreachNotify.Acknowledgements.AcknowledgementToken token) => Lifecycle.AcceptsToken(token);

    /// <summary>
    /// The notice's lifecycle (the domain's <see cref="Notice"/>), read from and written to this row's columns. Set only
    /// to a transition's result: by <see cref="NoticeStore"/> under the row's ETag, or on a row about to be created.
    /// </summary>
    [IgnoreDataMember]
    public Notice Lifecycle
    {
        get => new()
        {
            Status = State,
            Attempts = Attempts,
            FirstAttemptAt = FirstAttemptAt,
            SendingSince = SendingSince,
            SentAt = SentAt,
            DeliveredAt = DeliveredAt,
            BouncedAt = BouncedAt,
            BounceAlertClaimedAt = BounceAlertClaimedAt,
            BounceAlertedAt = BounceAlertedAt,
            LastError = LastError,
            TokenHashes = TokenHashes,
            TokenExpiresAt = TokenExpiresAt,
            AcknowledgedAt = AcknowledgedAt,
            AcknowledgedBy = AcknowledgedBy,
            AcknowledgementComment = AcknowledgementComment,
            AcknowledgedFrom = AcknowledgedFrom,
            ReminderCount = ReminderCount,
            ObjectedAt = ObjectedAt,
            ObjectedBy = ObjectedBy,
            ObjectionReason = ObjectionReason,
            ObjectionReceiptSentAt = ObjectionReceiptSentAt,
            WithdrawalSentAt = WithdrawalSentAt,
        };
        internal set
        {
            State = value.Status;
            Attempts = value.Attempts;
            FirstAttemptAt = value.FirstAttemptAt;
            SendingSince = value.SendingSince;
            SentAt = value.SentAt;
            DeliveredAt = value.DeliveredAt;
            BouncedAt = value.BouncedAt;
            BounceAlertClaimedAt = value.BounceAlertClaimedAt;
            BounceAlertedAt = value.BounceAlertedAt;
            LastError = value.LastError;
            TokenHashes = value.TokenHashes;
            TokenExpiresAt = value.TokenExpiresAt;
            AcknowledgedAt = value.AcknowledgedAt;
            AcknowledgedBy = value.AcknowledgedBy;
            AcknowledgementComment = value.AcknowledgementComment;
            AcknowledgedFrom = value.AcknowledgedFrom;
            ReminderCount = value.ReminderCount;
            ObjectedAt = value.ObjectedAt;
            ObjectedBy = value.ObjectedBy;
            ObjectionReason = value.ObjectionReason;
            ObjectionReceiptSentAt = value.ObjectionReceiptSentAt;
            WithdrawalSentAt = value.WithdrawalSentAt;
        }
    }
}
