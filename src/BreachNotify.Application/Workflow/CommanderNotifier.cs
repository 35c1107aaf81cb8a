using BreachNotify.Incidents;
using BreachNotify.Notices;
using BreachNotify.Parties;

namespace BreachNotify.Application.Workflow;

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

        // One mail per language of the commanders (the approval-request template of their locale, English by default).
        foreach (var group in commanders.GroupBy(c => c.Locale ?? NoticeTemplates.FallbackLocale))
        {
            var content = composer.ComposeApprovalRequest(stored.State, item.Sequence, links.Incident(item.IncidentId), group.Key);
            var outcome = await mail.SendAsync(new OutgoingMail(content, [.. group.Select(c => new MailRecipient(c.Email, c.Name, null, null))]), cancellationToken);
            if (!outcome.Accepted && outcome.Retryable)
            {
                return WorkResult.Retry(outcome.RetryAfter ?? TimeSpan.FromSeconds(10));
            }
        }

        return WorkResult.Done;
    }

    /// <summary>Notices the provider refused for good, or kept refusing past the attempt limit: a human must act.</summary>
    public async Task NoticesFailedAsync(string matterId, string matterUrl, int count, string error, CancellationToken cancellationToken)
    {
        var what = matterId.StartsWith("inc-", StringComparison.Ordinal) ? "incident" : "matter";
        var text = $"{count} notice(s) of {what} {matterId} could not be delivered to the mail provider ({ReadableText.Clean(error)}). " +
                   $"They are marked failed; the recipients have not been told.\n{matterUrl}\n";
        var content = new NoticeContent($"DELIVERY FAILED: {what} {matterId}", text, $"<!doctype html><p>{System.Net.WebUtility.HtmlEncode(text)}</p>");
        await mail.SendAsync(new OutgoingMail(content, [.. directory.Commanders.Select(c => new MailRecipient(c.Email, c.Name, null, null))]), cancellationToken);
    }
}
