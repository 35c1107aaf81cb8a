using System.Globalization;
using BreachNotify.Incidents;
using BreachNotify.Notices;
using BreachNotify.Parties;

namespace BreachNotify.Application.Workflow;

/// <summary>
/// Mails the commanders that some parties are due soon: while the incident waits for a decision, or when notices due
/// then are not all acknowledged. Silent when every one of them is acknowledged.
/// </summary>
public sealed class DeadlineWarner(IncidentStore incidents, NoticeStore notices, ProcessorDirectory directory, IMailSender mail, PublicLinks links, TimeProvider time)
{
    public async Task<WorkResult> WarnAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var stored = await incidents.LoadAsync(item.IncidentId, cancellationToken);
        var parties = item.PartyIds ?? [];
        if (stored?.State is not { } state || parties.Count == 0)
        {
            return WorkResult.Done;
        }

        string situation;
        if (state.Status == IncidentStatus.Approved)
        {
            // Only the due parties' notices, counted as they arrive: never the whole incident's rows at once.
            var total = 0;
            var acknowledged = 0;
            foreach (var party in parties)
            {
                await foreach (var status in notices.StatusesOfPartyAsync(item.IncidentId, party, cancellationToken))
                {
                    total++;
                    acknowledged += status == NoticeStatus.Acknowledged ? 1 : 0;
                }
            }

            if (total > 0 && acknowledged == total)
            {
                return WorkResult.Done;
            }

            situation = $"{acknowledged} of {total} of their notices are acknowledged.";
        }
        else
        {
            situation = "The incident still waits for a decision: nothing has been sent to them.";
        }

        var dueAt = item.DueAt ?? state.EarliestDueAt ?? time.GetUtcNow();
        var left = dueAt - time.GetUtcNow();
        var text = $"Incident {state.Id}: {string.Join(", ", parties)} must have heard by {dueAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC " +
                   $"({(left > TimeSpan.Zero ? $"in {(int)left.TotalHours} h {left.Minutes} min" : "overdue")}). {situation}\n{links.Incident(state.Id)}\n";
        var content = new NoticeContent($"DEADLINE: incident {state.Id}, {parties.Count} part{(parties.Count == 1 ? "y" : "ies")} due", text,
            $"<!doctype html><p>{System.Net.WebUtility.HtmlEncode(text)}</p>");
        var outcome = await mail.SendAsync(new OutgoingMail(content, [.. directory.Commanders.Select(c => new MailRecipient(c.Email, c.Name, null, null))]), cancellationToken);
        return outcome.Accepted || !outcome.Retryable ? WorkResult.Done : WorkResult.Retry(outcome.RetryAfter ?? TimeSpan.FromSeconds(10));
    }
}
