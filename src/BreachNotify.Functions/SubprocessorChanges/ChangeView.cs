using BreachNotify.Functions.Incidents;
using BreachNotify.Functions.Storage;
using BreachNotify.Notices;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Functions.SubprocessorChanges;

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
    public static ChangeView Of(SubprocessorChangeState s, IReadOnlyList<SubprocessorChangeEvent> history, IReadOnlyList<NoticeRecord>? notices = null) =>
        Of(s, history, notices ?? [], new NoticePositions(0, s.Recipients.Count, null));

    /// <summary>The change with the notices at positions <paramref name="page"/> (<paramref name="notices"/> holds their rows).</summary>
    public static ChangeView Of(SubprocessorChangeState s, IReadOnlyList<SubprocessorChangeEvent> history, IReadOnlyList<NoticeRecord> notices, NoticePositions page) => new(
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
        [.. s.Recipients.Select(r => new RecipientView(r.CustomerId, r.ContactName, r.Email, r.Locale, r.DueAt))],
        NoticesOf(s, notices, page.From, page.To),
        [.. s.Objections.Select(o => new ObjectionView(o.CustomerId, o.At, o.By, o.Reason, o.CureDeadline, o.Outcome is { } x ? Kebab.Of(x) : null, o.OutcomeAt, o.RemindedRounds, o.CureEndedAt))],
        [.. s.Consents.Select(c => new ConsentView(c.CustomerId, Kebab.Of(c.Basis), c.At))],
        [.. history.Select(e => new TimelineEntry(e.At, e.Kind, e.Actor, e.Describe()))],
        s.TookEffectAt,
        page.Next);

    private static List<ChangeNoticeView> NoticesOf(SubprocessorChangeState s, IReadOnlyList<NoticeRecord> rows, int from, int to)
    {
        var byId = rows.ToDictionary(r => r.NoticeId);
        return
        [
            .. ChangeNoticeSource.RecipientsOf(s, from, to).Select((r, i) =>
            {
                var row = byId.GetValueOrDefault(NoticeId.For(from + i));
                return new ChangeNoticeView(
                    NoticeId.For(from + i), r.Key, r.PartyId, r.ContactName, r.Email, r.Locale, row?.Status ?? nameof(NoticeStatus.Pending), r.DueAt,
                    row?.SentAt, row?.DeliveredAt, s.Window(r.PartyId)?.ObjectByAt, row?.AcknowledgedAt, row?.AcknowledgedBy, row?.ObjectedAt,
                    row?.ObjectedBy, row?.WithdrawalSentAt, row?.ReminderCount ?? 0);
            }),
        ];
    }

    public static ObjectionDeadlineView Deadline(ObjectionWindow w) => new(w.CustomerId, w.NoticeSentBy, w.ObjectByAt, w.NoticeDays, w.ObjectionDays);
}
