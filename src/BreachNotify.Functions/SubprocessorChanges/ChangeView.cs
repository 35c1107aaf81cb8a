using BreachNotify.Functions.Incidents;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>
/// One change as the commanders read it. <see cref="Notices"/> stays empty until the fan-out of change notices exists;
/// <see cref="Recipients"/> are the notices an approval froze.
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
    IReadOnlyList<object> Notices,
    IReadOnlyList<ObjectionView> Objections,
    IReadOnlyList<ConsentView> Consents,
    IReadOnlyList<TimelineEntry> Timeline)
{
    public static ChangeView Of(SubprocessorChangeState s, IReadOnlyList<SubprocessorChangeEvent> history) => new(
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
        [],
        [.. s.Objections.Select(o => new ObjectionView(o.CustomerId, o.At, o.By, o.Reason, o.CureDeadline, o.Outcome is { } x ? Kebab.Of(x) : null, o.OutcomeAt))],
        [.. s.Consents.Select(c => new ConsentView(c.CustomerId, Kebab.Of(c.Basis), c.At))],
        [.. history.Select(e => new TimelineEntry(e.At, e.Kind, e.Actor, e.Describe()))]);

    public static ObjectionDeadlineView Deadline(ObjectionWindow w) => new(w.CustomerId, w.NoticeSentBy, w.ObjectByAt, w.NoticeDays, w.ObjectionDays);
}
