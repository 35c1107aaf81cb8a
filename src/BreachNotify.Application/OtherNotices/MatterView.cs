using BreachNotify.Notices;
using BreachNotify.OtherNotices;

namespace BreachNotify.Application.OtherNotices;

/// <summary>
/// One matter as the commanders read it (<c>GET /api/matters/{id}</c>): its notices one page at a time (<see cref="NoticesNext"/>,
/// when set, is the <c>noticesAfter</c> of the next).
/// </summary>
public sealed record MatterView(
    string Id,
    string Kind,
    string Status,
    string Summary,
    DateTimeOffset ReceivedAt,
    string? Authority,
    string? Disclosure,
    string? Clause,
    DateTimeOffset? RespondBy,
    string? SubjectIdentifier,
    DateTimeOffset? SubjectAnswerDue,
    DateTimeOffset? SubjectAnswerDueExtended,
    DateTimeOffset? DueAt,
    DateTimeOffset RecordedAt,
    string? RecordedBy,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    bool Sending,
    IReadOnlyList<MatterCustomerView> Customers,
    IReadOnlyList<MatterNoticeView> Notices,
    ProhibitionView? Prohibition,
    IReadOnlyList<TimelineEntry> Timeline,
    string? NoticesNext = null)
{
    /// <summary>Every notice of the matter counted (not only the page listed), as <c>GET /api/incidents/{id}</c> counts an incident's.</summary>
    public required NoticeCounts NoticeCounts { get; init; }

    /// <param name="frozen">
    /// The matter's frozen recipients, read from their rows (<see cref="MatterNoticeSource.RecipientsOfAsync"/>); when not given, an
    /// approval recorded inline lists its own, and one frozen in rows lists the notices created so far.
    /// </param>
    public static MatterView Of(MatterState s, IReadOnlyList<MatterEvent> history, IReadOnlyList<NoticeRecord> notices, IReadOnlyList<Recipient>? frozen = null) =>
        Of(s, history, notices, Planned(s, notices, frozen), null, NoticeCounting.Of(notices));

    /// <summary>
    /// The matter with the notices at positions <paramref name="page"/>: <paramref name="frozen"/> holds those positions'
    /// recipients and <paramref name="notices"/> their rows; <paramref name="counts"/> counts every notice.
    /// </summary>
    public static MatterView Of(
        MatterState s, IReadOnlyList<MatterEvent> history, IReadOnlyList<NoticeRecord> notices, IReadOnlyList<Recipient> frozen, NoticePositions page, NoticeCounts counts) =>
        Of(s, history, notices, [.. frozen.Select((r, i) => (NoticeId.For(page.From + i), r))], page.Next, counts);

    /// <summary>Each planned notice's id and recipient, in id order.</summary>
    private static List<(string Id, Recipient Recipient)> Planned(MatterState s, IReadOnlyList<NoticeRecord> notices, IReadOnlyList<Recipient>? frozen) =>
        frozen is not null ? [.. frozen.Select((r, i) => (NoticeId.For(i), r))]
        : s.Frozen is null ? [.. MatterNoticeSource.RecipientsOf(s.Recipients, 0, s.Recipients.Count).Select((r, i) => (NoticeId.For(i), r))]
        : [.. notices.Where(r => NoticeId.PhaseOf(r.NoticeId) == 0).OrderBy(r => NoticeId.IndexOf(r.NoticeId)).Select(r => (r.NoticeId, r.Recipient))];

    private static MatterView Of(
        MatterState s, IReadOnlyList<MatterEvent> history, IReadOnlyList<NoticeRecord> notices, IReadOnlyList<(string Id, Recipient Recipient)> planned, string? noticesNext,
        NoticeCounts counts)
    {
        var m = s.Matter!;
        var dsr = m.Kind == OtherNoticeKind.DataSubjectRequest;
        var rows = notices.ToDictionary(r => r.NoticeId);
        return new(
            s.Id, Kebab.Of(m.Kind), s.Status.ToString(), m.Summary, m.ReceivedAt, m.Authority, m.Disclosure, m.Clause, m.RespondBy, m.SubjectIdentifier,
            dsr ? MatterClock.SubjectAnswerDue(m) : null, dsr ? MatterClock.SubjectAnswerDueExtended(m) : null,
            s.Customers.Select(c => (DateTimeOffset?)c.DueAt).Min(), s.RecordedAt, s.RecordedBy, s.DecidedBy, s.DecidedAt, s.Sending,
            [.. s.Customers.Select(c => s.AcknowledgementOf(c.CustomerId) is { } a
                ? new MatterCustomerView(c.CustomerId, c.DueAt, Kebab.Of(a.Basis), a.At)
                : new MatterCustomerView(c.CustomerId, c.DueAt, null, null))],
            [.. planned.Select(p =>
            {
                var (id, r) = p;
                var row = rows.GetValueOrDefault(id);
                return new MatterNoticeView(
                    id, r.Key, r.PartyId, r.ContactName, r.Email, r.Locale, row?.Status ?? nameof(NoticeStatus.Pending), r.DueAt,
                    row?.SentAt, row?.DeliveredAt, row?.BouncedAt, row?.AcknowledgedAt, row?.AcknowledgedBy, row?.ReminderCount ?? 0);
            })],
            m.Prohibition is { } p ? new ProhibitionView(p.Basis, p.Until, s.ReviewAt, s.ProhibitionInForce, s.ProhibitionLiftedAt) : null,
            [.. history.Select(e => new TimelineEntry(e.At, e.Kind, e.Actor, e.Describe()))],
            noticesNext) { NoticeCounts = counts };
    }
}
