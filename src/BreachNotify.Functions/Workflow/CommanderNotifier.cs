using BreachNotify.Functions.Delivery;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Storage;
using BreachNotify.Notices;
using BreachNotify.Parties;

namespace BreachNotify.Functions.Workflow;

/// <summary>Mails commanders that an incident waits for their decision (and each escalation).</summary>
public sealed class CommanderNotifier(IncidentStore incidents, ProcessorDirectory directory, NoticeComposer composer, IMailSender mail, PublicLinks links)
{
    public async Task<WorkResult> NotifyAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var stored = await incidents.LoadAsync(item.IncidentId, cancellationToken);
        var commanders = directory.Commanders.Where(c => item.CommanderIds?.Contains(c.Id) ?? false).ToList();
        if (stored is null || commanders.Count == 0)
        {
            return WorkResult.Done;
        }

        var content = composer.ComposeApprovalRequest(stored.State, item.Sequence, links.Incident(item.IncidentId));
        var outcome = await mail.SendAsync(new OutgoingMail(content, [.. commanders.Select(c => new MailRecipient(c.Email, c.Name, null, null))]), cancellationToken);
        return outcome.Accepted || !outcome.Retryable ? WorkResult.Done : WorkResult.Retry(outcome.RetryAfter ?? TimeSpan.FromSeconds(10));
    }
}
