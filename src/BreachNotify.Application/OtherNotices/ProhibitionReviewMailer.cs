using BreachNotify.Notices;
using BreachNotify.OtherNotices;
using BreachNotify.Parties;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Application.OtherNotices;

/// <summary>
/// Mails the commanders that a matter's legal prohibition reached its review date. The review is an event on the matter
/// (recorded once); once mailed, that too is recorded on the matter, so a redelivered or re-swept item mails nobody again.
/// Two workers on the same item (a redelivery beside the sweep) take a lease on the review's round first, so one mails.
/// The mail may repeat only if the process dies between the send and that record (never lost, at worst twice). A review
/// date a commander set later owes its own reminder (the state's flags reset); a stale item mails only once one is due.
/// </summary>
public sealed class ProhibitionReviewMailer(
    MatterStore store, MatterWorkflow workflow, ProcessorDirectory directory, IMailSender mail, PublicLinks links, TimeProvider time,
    ILogger<ProhibitionReviewMailer> logger)
{
    private static readonly TimeSpan MailLease = MatterTable<MatterState, MatterEvent>.MailLease;

    public async Task<WorkResult> RemindAsync(WorkItem item, CancellationToken cancellationToken = default)
    {
        if (await store.LoadAsync(item.IncidentId, cancellationToken) is not { State: { ProhibitionInForce: true, ReviewReminded: true, ReviewMailed: false, Matter.Prohibition: { } prohibition } state })
        {
            return WorkResult.Done;
        }

        var now = time.GetUtcNow();
        if (!await store.Table.TryLeaseAsync(state.Id, $"review-mail|{state.ReviewAt?.UtcTicks ?? 0}", now, now + MailLease, cancellationToken))
        {
            return WorkResult.Retry(MailLease); // another worker mails it; by then the matter says so
        }

        var url = MatterNoticeSource.UrlOf(links, state.Id);
        var text = $"The legal prohibition on telling the customers of matter {state.Id} ({Kebab.Of(state.Matter!.Kind)}) is due for review" +
                   (state.ReviewAt is { } at ? $" ({at.UtcDateTime:yyyy-MM-dd HH:mm} UTC)" : "") +
                   ". Please re-check whether it still holds; lift it (decision lift-prohibition) when it no longer does, and record every effort to have it waived." +
                   (prohibition.Until is { } until ? $" It ends on its own at {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC." : " It has no known end date.") +
                   $"\n{url}\n";
        var content = new NoticeContent($"Prohibition review due: {state.Id}", text, $"<!doctype html><p>{System.Net.WebUtility.HtmlEncode(text)}</p>");
        var to = directory.Commanders.Select(c => new MailRecipient(c.Email, c.Name, null, null)).ToList();
        var outcome = await mail.SendAsync(new OutgoingMail(content, to), cancellationToken);
        if (!outcome.Accepted && outcome.Retryable)
        {
            return WorkResult.Retry(TimeSpan.FromMinutes(1));
        }

        await workflow.HandleAsync(state.Id, new RecordReviewMailed(to.Count), cancellationToken);
        logger.ProhibitionReviewMailed(state.Id, to.Count);
        return WorkResult.Done;
    }
}
