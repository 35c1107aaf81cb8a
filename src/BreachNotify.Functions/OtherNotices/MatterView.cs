using BreachNotify.Functions.Incidents;
using BreachNotify.Functions.Storage;
using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.Notices;
using BreachNotify.OtherNotices;

namespace BreachNotify.Functions.OtherNotices;

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
    public static MatterView Of(MatterState s, IReadOnlyList<MatterEvent> history, IReadOnlyList<NoticeRecord> notices) =>
        Of(s, history, notices, new NoticePositions(0, s.Recipients.Count, null));

    /// <summary>The matter with the notices at positions <paramref name="page"/> (<paramref name="notices"/> holds their rows).</summary>
    public static MatterView Of(MatterState s, IReadOnlyList<MatterEvent> history, IReadOnlyList<NoticeRecord> notices, NoticePositions page)
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
            [.. MatterNoticeSource.RecipientsOf(s, page.From, page.To).Select((r, i) =>
            {
                var row = rows.GetValueOrDefault(NoticeId.For(page.From + i));
                return new MatterNoticeView(
                    NoticeId.For(page.From + i), r.Key, r.PartyId, r.ContactName, r.Email, r.Locale, row?.Status ?? nameof(NoticeStatus.Pending), r.DueAt,
                    row?.SentAt, row?.DeliveredAt, row?.BouncedAt, row?.AcknowledgedAt, row?.AcknowledgedBy, row?.ReminderCount ?? 0);
            })],
            m.Prohibition is { } p ? new ProhibitionView(p.Basis, p.Until, p.ReviewAt, s.ProhibitionInForce, s.ProhibitionLiftedAt) : null,
            [.. history.Select(e => new TimelineEntry(e.At, e.Kind, e.Actor, e.Describe()))],
            page.Next);
    }
}
