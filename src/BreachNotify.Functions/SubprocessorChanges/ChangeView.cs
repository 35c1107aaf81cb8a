using BreachNotify.Functions.Incidents;
using BreachNotify.Functions.Storage;
using BreachNotify.Notices;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>
/// One change as the commanders read it. <see cref="Recipients"/> are the notices an approval froze; <see cref="Notices"/>
/// one per frozen recipient, as its notice row stands (Pending before its send item created it).
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
    DateTimeOffset? TookEffectAt = null)
{
    public static ChangeView Of(SubprocessorChangeState s, IReadOnlyList<SubprocessorChangeEvent> history, IReadOnlyList<NoticeRecord>? notices = null) => new(
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
        NoticesOf(s, notices ?? []),
        [.. s.Objections.Select(o => new ObjectionView(o.CustomerId, o.At, o.By, o.Reason, o.CureDeadline, o.Outcome is { } x ? Kebab.Of(x) : null, o.OutcomeAt, o.RemindedRounds, o.CureEndedAt))],
        [.. s.Consents.Select(c => new ConsentView(c.CustomerId, Kebab.Of(c.Basis), c.At))],
        [.. history.Select(e => new TimelineEntry(e.At, e.Kind, e.Actor, e.Describe()))],
        s.TookEffectAt);

    private static List<ChangeNoticeView> NoticesOf(SubprocessorChangeState s, IReadOnlyList<NoticeRecord> rows)
    {
        var byId = rows.ToDictionary(r => r.NoticeId);
        return
        [
            .. ChangeNoticeSource.RecipientsOf(s, 0, s.Recipients.Count).Select((r, i) =>
            {
                var row = byId.GetValueOrDefault(NoticeId.For(i));
                return new ChangeNoticeView(
                    NoticeId.For(i), r.Key, r.PartyId, r.ContactName, r.Email, r.Locale, row?.Status ?? nameof(NoticeStatus.Pending), r.DueAt,
                    row?.SentAt, row?.DeliveredAt, s.Window(r.PartyId)?.ObjectByAt, row?.AcknowledgedAt, row?.AcknowledgedBy, row?.ObjectedAt,
                    row?.ObjectedBy, row?.WithdrawalSentAt, row?.ReminderCount ?? 0);
            }),
        ];
    }

    public static ObjectionDeadlineView Deadline(ObjectionWindow w) => new(w.CustomerId, w.NoticeSentBy, w.ObjectByAt, w.NoticeDays, w.ObjectionDays);
}
