using BreachNotify.Notices;
using BreachNotify.Parties;
using BreachNotify.SubprocessorChanges;
using Microsoft.Extensions.Options;

namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>
/// Sub-processor changes as a kind of matter: the recipients are the ones frozen at approval in rows of their own
/// (<see cref="FrozenRecipientStore"/>; inline in the state for approvals recorded before), never the live directory; a
/// notice's position in that list is its id; the change-notice templates; an acknowledgement is the customer's consent.
/// Reminders fall inside the shortest objection window, so that every round and the privacy team's escalation come
/// before it closes.
/// </summary>
public sealed class ChangeNoticeSource(
    SubprocessorChangeStore store, FrozenRecipientStore frozen, ChangeNoticeComposer composer, SubprocessorChangeWorkflow changes, PublicLinks links,
    IOptions<WorkflowOptions> workflow)
    : INoticeSource
{
    public MatterKind Kind => MatterKind.SubprocessorChange;

    public bool Owns(string matterId) => ChangeId.IsWellFormed(matterId);

    public async Task<INoticeMatter?> LoadSendingAsync(string matterId, CancellationToken cancellationToken) =>
        await store.LoadAsync(matterId, cancellationToken) is { State: { Status: ChangeStatus.Approved, Change: not null } state }
            ? new ChangeMatter(state, frozen, composer, links, workflow.Value)
            : null;

    public async Task AcknowledgedAsync(NoticeRecord notice, CancellationToken cancellationToken)
    {
        // A refusal (the change withdrawn meanwhile, the window closed) leaves the change as it is; the notice keeps its receipt.
        await changes.HandleAsync(notice.IncidentId, new RecordAcknowledgement(notice.PartyId, $"contact:{notice.AcknowledgedBy}"), cancellationToken);
    }

    /// <summary>The commanders' page of a change in the console (a browser opens it, signing in first), the link of every commander mail about it.</summary>
    public static string UrlOf(PublicLinks links, string changeId) => $"{links.BaseUrl.ToString().TrimEnd('/')}/console/changes/{Uri.EscapeDataString(changeId)}";

    /// <summary>A frozen recipient as the engine's recipient: <see cref="Recipient.ContactIndex"/> is its place among its customer's.</summary>
    public static IReadOnlyList<Recipient> RecipientsOf(IReadOnlyList<ChangeRecipient> recipients, int from, int to) =>
        FrozenRecipients.Slice(recipients, from, to, r => r.CustomerId, (r, index) =>
            new Recipient(PartyKind.Customer, r.CustomerId, r.CustomerName ?? r.CustomerId, index, r.ContactName, r.Email, r.Locale, r.DueAt));

    /// <summary>The change's frozen recipients <paramref name="from"/> to <paramref name="to"/>: its rows, or the inline list of an approval recorded before them.</summary>
    public static async Task<IReadOnlyList<Recipient>> RecipientsOfAsync(
        FrozenRecipientStore frozen, SubprocessorChangeState state, int from, int to, CancellationToken cancellationToken = default) =>
        state.Frozen is { } freeze ? await frozen.SliceAsync(state.Id, 0, freeze, from, to, cancellationToken) : RecipientsOf(state.Recipients, from, to);

    private sealed class ChangeMatter(
        SubprocessorChangeState state, FrozenRecipientStore frozen, ChangeNoticeComposer composer, PublicLinks links, WorkflowOptions workflow) : INoticeMatter
    {
        public string Id => state.Id;

        public DateTimeOffset StartedAt => state.DecidedAt ?? state.AnnouncedAt;

        public int RecipientCount => state.RecipientCount;

        public string Url => UrlOf(links, state.Id);

        public Task<IReadOnlyList<Recipient>> RecipientsAsync(int from, int to, CancellationToken cancellationToken) =>
            RecipientsOfAsync(frozen, state, from, to, cancellationToken);

        public object TemplateKey(Recipient recipient) => composer.TemplateFor(NoticeTemplates.ChangeNotice, recipient.Locale);

        public NoticeContent ComposeShared(Recipient recipient) => composer.ComposeShared(NoticeTemplates.ChangeNotice, state, recipient.Locale);

        public IReadOnlyDictionary<string, string> PartyValues(Recipient recipient) =>
            composer.RecipientValues(NoticeTemplates.ChangeNotice, state, recipient.PartyId, recipient.PartyName, recipient.Locale);

        public NoticeContent Compose(Recipient recipient) => ComposeShared(recipient).With(PartyValues(recipient));

        public object ReminderKey(Recipient recipient) => composer.TemplateFor(NoticeTemplates.ChangeReminder, recipient.Locale);

        public NoticeContent ComposeReminderShared(Recipient recipient) => composer.ComposeShared(NoticeTemplates.ChangeReminder, state, recipient.Locale);

        public NoticeContent ComposeEscalation(int silentCount, int reminderCount, string? locale)
        {
            var closes = state.Windows.Where(w => state.ConsentOf(w.CustomerId) is null && state.ObjectionOf(w.CustomerId) is null)
                .Select(w => (DateTimeOffset?)w.ObjectByAt).Min();
            var text = $"{silentCount} notice(s) of sub-processor change {state.Id} ({ReadableText.Clean(state.Change!.Subprocessor.Name)}) are still unanswered " +
                       $"after {reminderCount} reminder(s). Silence until a customer's window closes counts as its consent" +
                       (closes is { } at ? $"; the next window closes {at.ToUniversalTime():yyyy-MM-dd HH:mm} UTC" : "") +
                       $". Consider reaching the customers another way.\n{Url}\n";
            return new NoticeContent($"Unanswered sub-processor change notices: {state.Id}", text, $"<!doctype html><p>{System.Net.WebUtility.HtmlEncode(text)}</p>");
        }

        public bool AwaitsAnswer(NoticeRecord notice) =>
            notice.AcknowledgedAt is null && notice.ObjectedAt is null && state.ConsentOf(notice.PartyId) is null && state.ObjectionOf(notice.PartyId) is null;

        /// <summary>The shortest window cut in <c>MaxAckReminders + 2</c> parts: the reminders and the escalation all fall before it closes.</summary>
        public TimeSpan ReminderInterval(int round)
        {
            var shortest = state.Windows.Select(w => w.ObjectByAt - w.NoticeAt).DefaultIfEmpty(TimeSpan.FromDays(1)).Min();
            var part = shortest / (Math.Max(0, workflow.MaxAckReminders) + 2);
            return part < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : part;
        }
    }
}
