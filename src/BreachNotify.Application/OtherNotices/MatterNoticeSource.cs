using BreachNotify.Notices;
using BreachNotify.OtherNotices;
using BreachNotify.Parties;
using Microsoft.Extensions.Options;

namespace BreachNotify.Application.OtherNotices;

/// <summary>
/// The other notices as a kind of matter: due only while approved and not under a legal prohibition (so every engine
/// handler does nothing while one holds, even after approval and a restart); the recipients frozen at approval in rows of
/// their own (<see cref="FrozenRecipientStore"/>; inline in the state for approvals recorded before); the matter templates. An acknowledgement is recorded on the matter (for a data-subject request: received by the DPO).
/// </summary>
public sealed class MatterNoticeSource(
    MatterStore store, FrozenRecipientStore frozen, MatterNoticeComposer composer, MatterWorkflow workflow, PublicLinks links,
    IOptions<WorkflowOptions> workflowOptions)
    : INoticeSource
{
    public MatterKind Kind => MatterKind.OtherNotice;

    public bool Owns(string matterId) => MatterId.IsWellFormed(matterId);

    public async Task<INoticeMatter?> LoadSendingAsync(string matterId, CancellationToken cancellationToken) =>
        await store.LoadAsync(matterId, cancellationToken) is { State: { Sending: true, Matter: not null } state }
            ? new NoticeMatter(state, frozen, composer, links, workflowOptions.Value)
            : null;

    public async Task AcknowledgedAsync(NoticeRecord notice, CancellationToken cancellationToken)
    {
        // A refusal (the matter no longer sending) leaves the matter as it is; the notice keeps its receipt.
        await workflow.HandleAsync(notice.IncidentId, new RecordMatterAcknowledgement(notice.PartyId, $"contact:{notice.AcknowledgedBy}"), cancellationToken);
    }

    /// <summary>The commanders' page of a matter (its JSON).</summary>
    public static string UrlOf(PublicLinks links, string matterId) => $"{links.BaseUrl.ToString().TrimEnd('/')}/api/matters/{Uri.EscapeDataString(matterId)}";

    /// <summary>A frozen recipient as the engine's recipient: <see cref="Recipient.ContactIndex"/> is its place among its customer's.</summary>
    public static IReadOnlyList<Recipient> RecipientsOf(IReadOnlyList<MatterRecipient> recipients, int from, int to) =>
        FrozenRecipients.Slice(recipients, from, to, r => r.CustomerId, (r, index) =>
            new Recipient(PartyKind.Customer, r.CustomerId, r.CustomerName, index, r.ContactName, r.Email, r.Locale, r.DueAt));

    /// <summary>The matter's frozen recipients <paramref name="from"/> to <paramref name="to"/>: its rows, or the inline list of an approval recorded before them.</summary>
    public static async Task<IReadOnlyList<Recipient>> RecipientsOfAsync(
        FrozenRecipientStore frozen, MatterState state, int from, int to, CancellationToken cancellationToken = default) =>
        state.Frozen is { } freeze ? await frozen.SliceAsync(state.Id, 0, freeze, from, to, cancellationToken) : RecipientsOf(state.Recipients, from, to);

    private sealed class NoticeMatter(MatterState state, FrozenRecipientStore frozen, MatterNoticeComposer composer, PublicLinks links, WorkflowOptions workflow)
        : INoticeMatter
    {
        private readonly string _kind = MatterNoticeComposer.NoticeKindOf(state);

        public string Id => state.Id;

        public DateTimeOffset StartedAt => state.Matter!.ReceivedAt;

        public int RecipientCount => state.RecipientCount;

        public string? KindName => Kebab.Of(state.Matter!.Kind);

        public string Url => UrlOf(links, state.Id);

        public Task<IReadOnlyList<Recipient>> RecipientsAsync(int from, int to, CancellationToken cancellationToken) =>
            RecipientsOfAsync(frozen, state, from, to, cancellationToken);

        public object TemplateKey(Recipient recipient) => composer.TemplateFor(_kind, recipient.Locale);

        public NoticeContent ComposeShared(Recipient recipient) => composer.ComposeShared(_kind, state, recipient.Locale);

        public IReadOnlyDictionary<string, string> PartyValues(Recipient recipient) =>
            composer.RecipientValues(_kind, state, recipient.PartyId, recipient.PartyName, recipient.Locale);

        public NoticeContent Compose(Recipient recipient) => ComposeShared(recipient).With(PartyValues(recipient));

        public object ReminderKey(Recipient recipient) => composer.TemplateFor(NoticeTemplates.MatterReminder, recipient.Locale);

        public NoticeContent ComposeReminderShared(Recipient recipient) => composer.ComposeShared(NoticeTemplates.MatterReminder, state, recipient.Locale);

        public NoticeContent ComposeEscalation(int silentCount, int reminderCount, string? locale)
        {
            var text = $"{silentCount} notice(s) of matter {state.Id} ({Kebab.Of(state.Matter!.Kind)}) are still unanswered after {reminderCount} reminder(s). " +
                       $"Consider reaching the customers another way.\n{Url}\n";
            return new NoticeContent($"Unanswered notices: {state.Id}", text, $"<!doctype html><p>{System.Net.WebUtility.HtmlEncode(text)}</p>");
        }

        public bool AwaitsAnswer(NoticeRecord notice) => notice.AcknowledgedAt is null && state.AcknowledgementOf(notice.PartyId) is null;

        public TimeSpan ReminderInterval(int round) => TimeSpan.FromMinutes(workflow.AckReminderMinutes);
    }
}
