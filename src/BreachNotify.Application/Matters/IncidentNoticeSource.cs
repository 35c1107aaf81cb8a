using BreachNotify.Incidents;
using BreachNotify.Notices;
using BreachNotify.Parties;
using Microsoft.Extensions.Options;

namespace BreachNotify.Application.Matters;

/// <summary>
/// Breach incidents as a kind of matter: the first notices' recipients from the classification and the directory, frozen in
/// rows of their own by the fan-out's first step (<see cref="FreezeAsync"/>) and read from there after, never from the live
/// directory; the breach notice templates. A later phase (a follow-up, the closing) sends to the recipients frozen in its own
/// notice rows (<see cref="PhaseFanOut"/> writes them).
/// </summary>
public sealed class IncidentNoticeSource(
    IncidentStore incidents, NoticeStore notices, FrozenRecipientStore frozen, ProcessorDirectory directory, NoticeComposer composer, PublicLinks links,
    IOptions<WorkflowOptions> workflow)
    : INoticeSource
{
    public MatterKind Kind => MatterKind.Incident;

    public bool Owns(string matterId) => IncidentId.IsWellFormed(matterId);

    public async Task<INoticeMatter?> LoadSendingAsync(string matterId, CancellationToken cancellationToken) =>
        await LoadSendingAsync(matterId, 0, cancellationToken);

    /// <summary>
    /// Any phase once its notices were approved (approved, with an update pending, or closed): a pending update holds back only
    /// the next phase, never notices already approved (the closing also waits for the first notices it follows). A later phase
    /// once its recipients are frozen.
    /// </summary>
    public async Task<INoticeMatter?> LoadSendingAsync(string matterId, int phase, CancellationToken cancellationToken)
    {
        if (await incidents.LoadAsync(matterId, cancellationToken) is not { State: { IsNotified: true } state })
        {
            return null;
        }

        if (phase == 0)
        {
            // An incident whose fan-out began before recipients were frozen in rows has no marker: its list is the directory's, as then.
            return new IncidentMatter(state, await frozen.MarkOfAsync(matterId, 0, cancellationToken), frozen, directory, composer, links, workflow.Value);
        }

        return phase < state.Phases.Count && await notices.FrozenPhaseCountAsync(matterId, phase, cancellationToken) is { } count
            ? new PhaseMatter(state, phase, count, notices, composer, links, workflow.Value)
            : null;
    }

    /// <summary>
    /// The first notices' recipients, frozen once: from the classification and the directory as the fan-out's first step finds
    /// them, rows first and the marker after (first writer wins), so a re-run or a second worker changes nothing, and every later
    /// send item, reminder and restart reads the same people, whatever the directory says by then.
    /// </summary>
    public async Task FreezeAsync(string matterId, int phase, CancellationToken cancellationToken)
    {
        if (phase != 0 || await frozen.MarkOfAsync(matterId, 0, cancellationToken) is not null
            || await incidents.LoadAsync(matterId, cancellationToken) is not { State: { IsNotified: true } state })
        {
            return;
        }

        var freeze = await frozen.WriteAsync(matterId, 0, RecipientList.Of(directory, state), DirectoryVersion.Of(directory), cancellationToken);
        await frozen.MarkAsync(matterId, 0, freeze, cancellationToken);
    }

    public Task AcknowledgedAsync(NoticeRecord notice, CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed class IncidentMatter(
        IncidentState state, RecipientFreeze? freeze, FrozenRecipientStore frozen, ProcessorDirectory directory, NoticeComposer composer, PublicLinks links,
        WorkflowOptions workflow) : INoticeMatter
    {
        public string Id => state.Id;

        public DateTimeOffset StartedAt => state.AwareAt;

        public int RecipientCount => freeze?.Count ?? RecipientList.CountOf(directory, state);

        public string Url => links.Incident(state.Id);

        public async Task<IReadOnlyList<Recipient>> RecipientsAsync(int from, int to, CancellationToken cancellationToken) =>
            freeze is { } f ? await frozen.SliceAsync(state.Id, 0, f, from, to, cancellationToken) : RecipientList.Range(directory, state, from, to);

        public object TemplateKey(Recipient recipient) => composer.TemplateFor(recipient);

        public NoticeContent ComposeShared(Recipient recipient) => composer.ComposeShared(state, recipient);

        public IReadOnlyDictionary<string, string> PartyValues(Recipient recipient) => composer.PartyValues(recipient);

        public NoticeContent Compose(Recipient recipient) => composer.Compose(state, recipient);

        public object ReminderKey(Recipient recipient) => composer.ReminderKey(recipient);

        public NoticeContent ComposeReminderShared(Recipient recipient) => composer.ComposeReminderShared(state, recipient);

        public NoticeContent ComposeEscalation(int silentCount, int reminderCount, string? locale) =>
            composer.ComposeEscalation(state, silentCount, reminderCount, links.Incident(state.Id), locale);

        public bool AwaitsAnswer(NoticeRecord notice) => notice.AcknowledgedAt is null;

        public TimeSpan ReminderInterval(int round) => TimeSpan.FromMinutes(workflow.AckReminderMinutes);
    }

    /// <summary>
    /// One later phase: its recipients are its notice rows (frozen when the phase's fan-out began), each row saying what its notice
    /// is (<see cref="Recipient.Notice"/>: a follow-up, the closing, or a newly affected party's first notice). Recipients with the
    /// same template and the same kind of notice share a rendering.
    /// </summary>
    private sealed class PhaseMatter(
        IncidentState state, int phase, int count, NoticeStore notices, NoticeComposer composer, PublicLinks links, WorkflowOptions workflow) : INoticeMatter
    {
        public string Id => state.Id;

        public DateTimeOffset StartedAt => state.Phases[phase].ApprovedAt;

        public int RecipientCount => count;

        public string Url => links.Incident(state.Id);

        public async Task<IReadOnlyList<Recipient>> RecipientsAsync(int from, int to, CancellationToken cancellationToken) =>
            [.. (await notices.RangeAsync(state.Id, from, Math.Min(to, count), phase, cancellationToken)).Select(r => r.Recipient)];

        public object TemplateKey(Recipient recipient) => (composer.TemplateFor(recipient, Notice(recipient)), Notice(recipient));

        public NoticeContent ComposeShared(Recipient recipient) => composer.ComposeShared(state, recipient, Notice(recipient));

        public IReadOnlyDictionary<string, string> PartyValues(Recipient recipient) => composer.PartyValues(recipient);

        public NoticeContent Compose(Recipient recipient) => composer.Compose(state, recipient, Notice(recipient));

        public object ReminderKey(Recipient recipient) => (composer.ReminderKey(recipient), composer.TemplateFor(recipient, Notice(recipient)), Notice(recipient));

        public NoticeContent ComposeReminderShared(Recipient recipient) => composer.ComposeReminderShared(state, recipient, Notice(recipient));

        public NoticeContent ComposeEscalation(int silentCount, int reminderCount, string? locale) =>
            composer.ComposeEscalation(state, silentCount, reminderCount, links.Incident(state.Id), locale);

        public bool AwaitsAnswer(NoticeRecord notice) => notice.AcknowledgedAt is null;

        public TimeSpan ReminderInterval(int round) => TimeSpan.FromMinutes(workflow.AckReminderMinutes);

        private PhaseNotice Notice(Recipient recipient) => recipient.Notice ?? new PhaseNotice(phase, PhaseKind.Initial, phase);
    }
}
