using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Storage;
using BreachNotify.Functions.Workflow;
using BreachNotify.Incidents;
using BreachNotify.Notices;
using BreachNotify.Parties;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Matters;

/// <summary>Breach incidents as a kind of matter: recipients from the classification and the directory, the breach notice templates.</summary>
public sealed class IncidentNoticeSource(IncidentStore incidents, ProcessorDirectory directory, NoticeComposer composer, PublicLinks links, IOptions<WorkflowOptions> workflow)
    : INoticeSource
{
    public MatterKind Kind => MatterKind.Incident;

    public bool Owns(string matterId) => IncidentId.IsWellFormed(matterId);

    public async Task<INoticeMatter?> LoadSendingAsync(string matterId, CancellationToken cancellationToken) =>
        await incidents.LoadAsync(matterId, cancellationToken) is { State: { Status: IncidentStatus.Approved } state }
            ? new IncidentMatter(state, directory, composer, links, workflow.Value)
            : null;

    public Task AcknowledgedAsync(NoticeRecord notice, CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed class IncidentMatter(IncidentState state, ProcessorDirectory directory, NoticeComposer composer, PublicLinks links, WorkflowOptions workflow) : INoticeMatter
    {
        public string Id => state.Id;

        public DateTimeOffset StartedAt => state.AwareAt;

        public int RecipientCount => RecipientList.CountOf(directory, state);

        public string Url => links.Incident(state.Id);

        public IReadOnlyList<Recipient> Recipients(int from, int to) => RecipientList.Range(directory, state, from, to);

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
}
