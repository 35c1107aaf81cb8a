using BreachNotify.Notices;
using BreachNotify.SubprocessorChanges;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>
/// A change's mails after its notices: the withdrawal notice to every recipient notified, and the receipt of an objection
/// to the contact who made it. As reminders do, each notice row is marked (under its ETag) before its mail goes, so a
/// redelivered work item sends nothing twice.
/// </summary>
public sealed class ChangeNoticeMailer(
    SubprocessorChangeStore store, NoticeStore notices, ChangeNoticeComposer composer, IMailSender mail, TimeProvider time,
    IOptions<SendGridOptions> sendGrid, ILogger<ChangeNoticeMailer> logger, BreachNotify.Parties.ProcessorDirectory directory, PublicLinks links)
{
    /// <summary>
    /// The privacy team's alert about one of the change's timers (the event the item names): a cure reminder, the end of a
    /// cure period, a missed notice deadline. One worker at a time mails it (a lease per alert), until the provider takes
    /// it, then it is marked sent, so a redelivered item sends nothing more (only a crash between the mail and its mark repeats it).
    /// </summary>
    public async Task<WorkResult> AlertAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (await store.AlertSentAsync(item.IncidentId, item.Sequence, cancellationToken)
            || await store.LoadAsync(item.IncidentId, cancellationToken) is not { State.Change: not null } stored
            || await store.EventAsync(item.IncidentId, item.Sequence, cancellationToken) is not { } e
            || ChangeAlerts.Compose(stored.State, e, ChangeNoticeSource.UrlOf(links, item.IncidentId), time.GetUtcNow()) is not { } content)
        {
            return WorkResult.Done;
        }

        if (!await store.TryLeaseAlertAsync(item.IncidentId, item.Sequence, time.GetUtcNow(), cancellationToken))
        {
            return WorkResult.Retry(MatterTable<SubprocessorChangeState, SubprocessorChangeEvent>.MailLease); // another worker mails it
        }

        var outcome = await mail.SendAsync(new OutgoingMail(content, [.. directory.Commanders.Select(c => new MailRecipient(c.Email, c.Name, null, null))]), cancellationToken);
        logger.ChangeMailsSent(item.IncidentId, outcome.Accepted ? directory.Commanders.Count : 0, $"alert {e.Kind}");
        if (outcome.Accepted)
        {
            await store.MarkAlertSentAsync(item.IncidentId, item.Sequence, time.GetUtcNow(), cancellationToken);
        }

        return outcome.Accepted || !outcome.Retryable ? WorkResult.Done : WorkResult.Retry(outcome.RetryAfter ?? TimeSpan.FromSeconds(10));
    }

    /// <summary>A withdrawn change: every notice that went out (or may have) gets the withdrawal notice once.</summary>
    public async Task<WorkResult> WithdrawAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(item.IncidentId, cancellationToken) is not { State: { Status: ChangeStatus.Withdrawn, WithdrawalNoticesOwed: true } state })
        {
            return WorkResult.Done;
        }

        var all = await notices.AllAsync(item.IncidentId, cancellationToken);
        if (all.Any(n => n.State == NoticeStatus.Sending))
        {
            // A notice in flight may yet reach its recipient: wait until its outcome is recorded, then tell it too.
            return WorkResult.Retry(TimeSpan.FromSeconds(5));
        }

        var due = all.Where(n => n.SentAt is not null && n.WithdrawalSentAt is null && n.ChannelKind == RecipientChannel.Email).ToList();
        return await MarkAndSendAsync(NoticeTemplates.ChangeWithdrawal, state, due, n => n.MarkWithdrawalSent(time.GetUtcNow()), null, cancellationToken);
    }

    /// <summary>An objection recorded through a notice's link: its contact gets the receipt once.</summary>
    public async Task<WorkResult> ReceiptAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var customerId = item.PartyIds?.FirstOrDefault();
        if (customerId is null || await store.LoadAsync(item.IncidentId, cancellationToken) is not { State: var state }
            || state.ObjectionOf(customerId) is not { } objection)
        {
            return WorkResult.Done;
        }

        var party = await notices.OfPartyAsync(item.IncidentId, nameof(BreachNotify.Parties.PartyKind.Customer), customerId, cancellationToken);
        var due = party.Where(n => n.ObjectedAt is not null && n.ObjectionReceiptSentAt is null).ToList();
        return await MarkAndSendAsync(NoticeTemplates.ChangeObjectionReceipt, state, due, n => n.MarkObjectionReceiptSent(time.GetUtcNow()), objection, cancellationToken);
    }

    private async Task<WorkResult> MarkAndSendAsync(
        string kind, SubprocessorChangeState state, List<NoticeRecord> due, Func<Notice, NoticeTransition> mark, Objection? objection, CancellationToken cancellationToken)
    {
        if (due.Count == 0)
        {
            return WorkResult.Done;
        }

        // Marked a transaction's worth at a time; what is marked is mailed, even when a later chunk has to be looked at again.
        var marked = new List<NoticeRecord>();
        var conflict = false;
        foreach (var chunk in due.Chunk(NoticePlan.MaxBatchSize))
        {
            if (await notices.TryUpdateAsync(chunk, n => mark(n.Lifecycle), cancellationToken))
            {
                marked.AddRange(chunk);
            }
            else
            {
                conflict = true;
            }
        }

        await SendAsync(kind, state, marked, objection, cancellationToken);
        // An acknowledgement or a delivery event changed a notice meanwhile: look again.
        return conflict ? WorkResult.Retry(TimeSpan.FromMilliseconds(200)) : WorkResult.Done;
    }

    private async Task SendAsync(string kind, SubprocessorChangeState state, List<NoticeRecord> due, Objection? objection, CancellationToken cancellationToken)
    {
        if (due.Count == 0)
        {
            return;
        }

        foreach (var group in due.GroupBy(n => composer.TemplateFor(kind, n.Locale)))
        {
            var content = composer.ComposeShared(kind, state, group.Key.Locale, objection?.Reason, objection?.At);
            var to = group.Select(n => new MailRecipient(n.Email, n.ContactName, null, null)
            {
                Values = composer.RecipientValues(kind, state, n.PartyId, n.PartyName, n.Locale),
            }).ToList();
            foreach (var request in MailRequests.Split(content, to, sendGrid.Value.MaxRecipientsPerRequest, sendGrid.Value.MaxRequestBytes))
            {
                var outcome = await mail.SendAsync(new OutgoingMail(content, request), cancellationToken);
                if (!outcome.Accepted)
                {
                    logger.ChangeMailsSent(state.Id, 0, $"{kind} (not accepted: {outcome.Error})");
                }
            }
        }

        logger.ChangeMailsSent(state.Id, due.Count, kind);
    }
}
