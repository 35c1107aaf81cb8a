using BreachNotify.Notices;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>
/// One change as the commanders read it. <see cref="Recipients"/> are the notices an approval froze; <see cref="Notices"/>
/// one per frozen recipient, as its notice row stands (Pending before its send item created it); a read through the API
/// lists one page of them (<see cref="NoticesNext"/>, when set, is the <c>noticesAfter</c> of the next).
/// </summary>
public sealed record ChangeView(
    string Id,
    string Kind,
    string Status,
    DateTimeOffset EffectiveAt,
    SubprocessorEntry Subprocessor,
    string? Replaces,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Regions,
    string? Comment,
    DateTimeOffset AnnouncedAt,
    string? AnnouncedBy,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    bool WithdrawalNoticesOwed,
    IReadOnlyList<ObjectionDeadlineView> Customers,
    IReadOnlyList<RecipientView> Recipients,
    IReadOnlyList<ChangeNoticeView> Notices,
    IReadOnlyList<ObjectionView> Objections,
    IReadOnlyList<ConsentView> Consents,
    IReadOnlyList<TimelineEntry> Timeline,
    DateTimeOffset? TookEffectAt = null,
    string? NoticesNext = null)
{
    /// <summary>Every notice of the change counted (not only the page listed), as <c>GET /api/incidents/{id}</c> counts an incident's.</summary>
    public required NoticeCounts NoticeCounts { get; init; }

    /// <param name="frozen">
    /// The change's frozen recipients, read from their rows (<see cref="ChangeNoticeSource.RecipientsOfAsync"/>); when not given, an
    /// approval recorded inline lists its own, and one frozen in rows lists the notices created so far.
    /// </param>
    public static ChangeView Of(
        SubprocessorChangeState s, IReadOnlyList<SubprocessorChangeEvent> history, IReadOnlyList<NoticeRecord>? notices = null, IReadOnlyList<Recipient>? frozen = null) =>
        Of(s, history, notices ?? [], Planned(s, notices ?? [], frozen), null, NoticeCounting.Of(notices ?? []));

    /// <summary>
    /// The change with the notices at positions <paramref name="page"/>: <paramref name="frozen"/> holds those positions'
    /// recipients and <paramref name="notices"/> their rows; <c>recipients</c> and <c>notices</c> are that page, <paramref name="counts"/>
    /// counts every notice.
    /// </summary>
    public static ChangeView Of(
        SubprocessorChangeState s, IReadOnlyList<SubprocessorChangeEvent> history, IReadOnlyList<NoticeRecord> notices, IReadOnlyList<Recipient> frozen, NoticePositions page,
        NoticeCounts counts) =>
        Of(s, history, notices, [.. frozen.Select((r, i) => (NoticeId.For(page.From + i), r))], page.Next, counts);

    private static ChangeView Of(
        SubprocessorChangeState s, IReadOnlyList<SubprocessorChangeEvent> history, IReadOnlyList<NoticeRecord> notices, IReadOnlyList<(string Id, Recipient Recipient)> planned,
        string? noticesNext, NoticeCounts counts) => new(
        s.Id,
        Kebab.Of(s.Change!.Kind),
        s.Status.ToString(),
        s.Change.EffectiveAt,
        s.Change.Subprocessor,
        s.Change.Replaces,
        s.Change.Services,
        s.Change.Regions,
        s.Change.Comment,
        s.AnnouncedAt,
        s.AnnouncedBy,
        s.DecidedBy,
        s.DecidedAt,
        s.WithdrawalNoticesOwed,
        [.. s.Windows.Select(Deadline)],
        [.. planned.Select(p => new RecipientView(p.Recipient.PartyId, p.Recipient.ContactName, p.Recipient.Email, p.Recipient.Locale, p.Recipient.DueAt))],
        NoticesOf(s, notices, planned),
        [.. s.Objections.Select(o => new ObjectionView(o.CustomerId, o.At, o.By, o.Reason, o.CureDeadline, o.Outcome is { } x ? Kebab.Of(x) : null, o.OutcomeAt, o.RemindedRounds, o.CureEndedAt))],
        [.. s.Consents.Select(c => new ConsentView(c.CustomerId, Kebab.Of(c.Basis), c.At))],
        [.. history.Select(e => new TimelineEntry(e.At, e.Kind, e.Actor, e.Describe()))],
        s.TookEffectAt,
        noticesNext) { NoticeCounts = counts };

    /// <summary>Each planned notice's id and recipient, in id order.</summary>
    private static List<(string Id, Recipient Recipient)> Planned(SubprocessorChangeState s, IReadOnlyList<NoticeRecord> rows, IReadOnlyList<Recipient>? frozen) =>
        frozen is not null ? [.. frozen.Select((r, i) => (NoticeId.For(i), r))]
        : s.Frozen is null ? [.. ChangeNoticeSource.RecipientsOf(s.Recipients, 0, s.Recipients.Count).Select((r, i) => (NoticeId.For(i), r))]
        : [.. rows.Where(r => NoticeId.PhaseOf(r.NoticeId) == 0).OrderBy(r => NoticeId.IndexOf(r.NoticeId)).Select(r => (r.NoticeId, r.Recipient))];

    private static List<ChangeNoticeView> NoticesOf(SubprocessorChangeState s, IReadOnlyList<NoticeRecord> rows, IReadOnlyList<(string Id, Recipient Recipient)> planned)
    {
        var byId = rows.ToDictionary(r => r.NoticeId);
        return
        [
            .. planned.Select(p =>
            {
                var (id, r) = p;
                var row = byId.GetValueOrDefault(id);
                return new ChangeNoticeView(
                    id, r.Key, r.PartyId, r.ContactName, r.Email, r.Locale, row?.Status ?? nameof(NoticeStatus.Pending), r.DueAt,
                    row?.SentAt, row?.DeliveredAt, s.Window(r.PartyId)?.ObjectByAt, row?.AcknowledgedAt, row?.AcknowledgedBy, row?.ObjectedAt,
                    row?.ObjectedBy, row?.WithdrawalSentAt, row?.ReminderCount ?? 0);
            }),
        ];
    }

    public static ObjectionDeadlineView Deadline(ObjectionWindow w) => new(w.CustomerId, w.NoticeSentBy, w.ObjectByAt, w.NoticeDays, w.ObjectionDays);
}
