using System.Security.Cryptography;
using BreachNotify.Acknowledgements;
using BreachNotify.Notices;
using BreachNotify.Parties;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Application.Workflow;

/// <summary>
/// One reminder round for one batch: recipients who have not acknowledged get a reminder (a bounded number of
/// rounds), then the commanders hear who is still silent. Each notice's round counter is advanced with the reminder's
/// link (<see cref="Notice.RecordReminder"/>) under its ETag, one write for the storage batch, before the mail goes
/// out, so a redelivered timer sends nothing twice and an acknowledgement stops the rounds.
/// Any kind of matter: its <see cref="INoticeMatter"/> says which notices still wait for an answer, what a reminder says and when rounds fall.
/// </summary>
public sealed class AcknowledgementReminders(
    NoticeSources sources,
    NoticeStore notices,
    ProcessorDirectory directory,
    IMailSender mail,
    WorkQueue queue,
    PublicLinks links,
    TimeProvider time,
    IOptions<WorkflowOptions> workflow,
    IOptions<AcknowledgementOptions> acknowledgement,
    IOptions<SendGridOptions> sendGrid,
    ILogger<AcknowledgementReminders> logger)
{
    public async Task<WorkResult> RunAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (await sources.For(item.Matter).LoadSendingAsync(item.IncidentId, item.Phase, cancellationToken) is not { } state)
        {
            return WorkResult.Done;
        }

        var o = workflow.Value;
        var batchSize = Math.Clamp(o.FanOutBatchSize, 1, NoticePlan.MaxBatchSize);
        var records = await notices.BatchAsync(item.IncidentId, batchSize, item.Batch, item.Phase, cancellationToken);
        var silent = records
            .Where(r => r.State is NoticeStatus.Sent or NoticeStatus.Delivered or NoticeStatus.Sending or NoticeStatus.Pending && state.AwaitsAnswer(r))
            .ToList();
        // The send item creates its notices when it runs: rows not there yet are notices not sent yet.
        var expected = Math.Clamp(state.RecipientCount - (item.Batch * batchSize), 0, batchSize);
        var unsent = records.Count < expected || silent.Any(r => r.State is NoticeStatus.Sending or NoticeStatus.Pending);
        var due = silent.Where(r => r.Lifecycle.AwaitsReminder(item.Sequence)).ToList();
        var now = time.GetUtcNow();
        var interval = state.ReminderInterval(item.Sequence + (due.Count > 0 ? 1 : 0));

        if (due.Count > 0)
        {
            var reminding = item.Sequence < o.MaxAckReminders;
            // Reminders carry a fresh link (the notice's first link stays valid: the record keeps every token's hash),
            // recorded on the same write that advances the round, before the mail goes.
            var tokens = reminding
                ? due.ToDictionary(r => r.NoticeId, r => AcknowledgementToken.Create(r.IncidentId, r.NoticeId, RandomNumberGenerator.GetBytes(AcknowledgementToken.SecretBytes)))
                : new Dictionary<string, AcknowledgementToken>();
            var expiresAt = now.AddDays(acknowledgement.Value.TokenLifetimeDays);
            if (!await notices.TryUpdateAsync(
                    due,
                    r => tokens.TryGetValue(r.NoticeId, out var token)
                        ? r.Lifecycle.RecordReminder(item.Sequence, token.Hash, expiresAt)
                        : r.Lifecycle.RecordReminder(item.Sequence),
                    cancellationToken))
            {
                // An acknowledgement (or another worker) changed a notice: look again.
                return WorkResult.Retry(TimeSpan.FromMilliseconds(200));
            }

            if (reminding)
            {
                await RemindAsync(state, due, tokens, cancellationToken);
                logger.RemindersSent(item.IncidentId, due.Count, item.Sequence + 1);
            }
            else
            {
                await EscalateAsync(state, due.Count, cancellationToken);
            }
        }

        if ((due.Count > 0 || unsent) && item.Sequence < o.MaxAckReminders)
        {
            await queue.SendAsync(item with { Sequence = item.Sequence + (due.Count > 0 ? 1 : 0) }, interval, cancellationToken);
        }

        return WorkResult.Done;
    }

    private async Task RemindAsync(INoticeMatter state, List<NoticeRecord> due, Dictionary<string, AcknowledgementToken> tokens, CancellationToken cancellationToken)
    {
        // Reminders go by mail only; a webhook notice counts as silent for the escalation but gets no reminder mail.
        // As the notices: one rendering per template and language, whatever the parties; the party's values are substitutions.
        foreach (var group in due.Where(r => r.ChannelKind == RecipientChannel.Email).GroupBy(r => state.ReminderKey(r.Recipient)))
        {
            var content = state.ComposeReminderShared(group.First().Recipient);
            var to = group.Select(r => new MailRecipient(r.Email, r.ContactName, links.Acknowledgement(tokens[r.NoticeId].ToString()), null)
            {
                Values = state.PartyValues(r.Recipient),
            }).ToList();
            foreach (var request in MailRequests.Split(content, to, sendGrid.Value.MaxRecipientsPerRequest, sendGrid.Value.MaxRequestBytes))
            {
                await mail.SendAsync(new OutgoingMail(content, request), cancellationToken);
            }
        }
    }

    private async Task EscalateAsync(INoticeMatter state, int silentCount, CancellationToken cancellationToken)
    {
        foreach (var group in directory.Commanders.GroupBy(c => c.Locale ?? NoticeTemplates.FallbackLocale))
        {
            var content = state.ComposeEscalation(silentCount, workflow.Value.MaxAckReminders, group.Key);
            await mail.SendAsync(new OutgoingMail(content, [.. group.Select(c => new MailRecipient(c.Email, c.Name, null, null))]), cancellationToken);
        }
    }
}
