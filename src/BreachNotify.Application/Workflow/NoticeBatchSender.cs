using System.Security.Cryptography;
using BreachNotify.Acknowledgements;
using BreachNotify.Notices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Application.Workflow;

/// <summary>
/// Sends one batch exactly once, as far as a provider without idempotency keys allows: each notice is claimed (created
/// already "sending", one all-or-nothing insert per storage batch, or pending -> sending under its ETag when its row
/// exists; either way of two racing workers one wins), sent, then marked sent, each request's
/// notices before the next request goes, so a crash leaves at most one request's notices unrecorded. A notice left
/// "sending" by a crash is taken over after its lease, and the provider is asked whether it already has it before
/// it is sent again; only when the provider cannot tell may it go out twice. Webhook notices take the same path,
/// one POST each; a resend carries the same Idempotency-Key, so a receiver that honours it takes the notice once.
/// Any kind of matter: its <see cref="INoticeSource"/> supplies the recipients and what they are sent.
/// </summary>
public sealed class NoticeBatchSender(
    NoticeSources sources,
    NoticeStore notices,
    BreachNotify.Parties.ProcessorDirectory directory,
    IMailSender mail,
    IWebhookSender webhooks,
    ISentMailLookup lookup,
    PublicLinks links,
    TimeProvider time,
    IOptions<WorkflowOptions> workflow,
    IOptions<SendGridOptions> sendGrid,
    IOptions<AcknowledgementOptions> acknowledgement,
    WorkflowMetrics metrics,
    CommanderNotifier alerts,
    ILogger<NoticeBatchSender> logger)
{
    /// <summary>
    /// The send items this process runs at once (<see cref="WorkflowOptions.MaxConcurrentSends"/>): what one holds is bounded
    /// by its size, so this bounds a fan-out of 100,000 as one of 10,000. Taken before anything is claimed, so a waiting item's
    /// lease does not run down while it waits. Never disposed (it holds no wait handle): an item still running as the
    /// host stops must still be able to give its slot back.
    /// </summary>
    private readonly SemaphoreSlim _slots = new(workflow.Value.MaxConcurrentSends);

    /// <param name="onClaimed">Called once this item's notices are claimed, just before its first request goes.</param>
    public async Task<WorkResult> SendAsync(WorkItem item, CancellationToken cancellationToken, Action? onClaimed = null)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await SendHeldAsync(item, onClaimed, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<WorkResult> SendHeldAsync(WorkItem item, Action? onClaimed, CancellationToken cancellationToken)
    {
        if (await sources.For(item.Matter).LoadSendingAsync(item.IncidentId, item.Phase, cancellationToken) is not { } state)
        {
            return WorkResult.Done;
        }

        // Only this item's slice of the recipients is built: memory is bounded by the send size, not the incident's size.
        var batchSize = Math.Clamp(workflow.Value.FanOutBatchSize, 1, NoticePlan.MaxBatchSize);
        var lease = TimeSpan.FromSeconds(workflow.Value.SendLeaseSeconds);
        var perSend = Math.Max(1, workflow.Value.SendBatchSize / batchSize);
        var from = item.Batch * perSend * batchSize;
        var planned = (await state.RecipientsAsync(from, from + (perSend * batchSize), cancellationToken))
            .Select((r, i) => new PlannedNotice(NoticeId.For(from + i, item.Phase), (from + i) / batchSize, r))
            .ToList();
        if (planned.Count == 0)
        {
            return WorkResult.Done;
        }

        // Before any row is created: a matter with no notice rows yet is counted by its count rows from its first row on.
        await notices.MarkCountedAsync(item.IncidentId, cancellationToken);

        // The usual case: nobody has created these notices yet, and they are created already claimed by this worker
        // (one transaction per storage batch, all or nothing: of two workers creating the same batch, one wins).
        var now = time.GetUtcNow();
        var tokens = new Dictionary<string, AcknowledgementToken>();
        var claimed = new List<NoticeRecord>();
        var existing = new List<List<PlannedNotice>>();
        var created = await Task.WhenAll(planned.Chunk(batchSize).Select(async chunk =>
        {
            var records = chunk.Select(n => NoticeRecord.Plan(item.IncidentId, n)).ToList();
            var chunkTokens = NewTokens(item.IncidentId, records);
            foreach (var record in records)
            {
                record.Lifecycle = Claim(record.Lifecycle, chunkTokens[record.NoticeId], now).Next;
            }

            return (Chunk: chunk, Records: records, Tokens: chunkTokens, Created: await notices.TryAddAsync(records, cancellationToken));
        }));
        foreach (var c in created)
        {
            if (c.Created)
            {
                claimed.AddRange(c.Records);
                foreach (var (id, token) in c.Tokens)
                {
                    tokens[id] = token;
                }
            }
            else
            {
                existing.Add([.. c.Chunk]);
            }
        }

        var held = new List<NoticeRecord>();
        var contended = false;
        if (existing.Count > 0)
        {
            // A re-run (after a crash, a deferral or a retry) or another worker: the rows are there; claim what is still due.
            (held, contended) = await ClaimExistingAsync(item.IncidentId, item.Phase, existing, batchSize, now, claimed, tokens, cancellationToken);
        }

        if (claimed.Count == 0)
        {
            return contended ? WorkResult.Retry(TimeSpan.FromMilliseconds(200))
                : held.Count == 0 ? WorkResult.Done
                : WorkResult.Retry(held.Max(r => r.SendingSince!.Value) + lease - now);
        }

        onClaimed?.Invoke();
        var result = await SendAndRecordAsync(item, state, claimed, tokens, batchSize, cancellationToken);
        if (result.RetryAfter is not null)
        {
            return result;
        }

        return contended ? WorkResult.Retry(TimeSpan.FromMilliseconds(200))
            : held.Count > 0 ? WorkResult.Retry(held.Max(r => r.SendingSince!.Value) + lease - now)
            : result;
    }

    /// <summary>
    /// The storage batches whose rows exist already: read them, settle those a crashed worker left "sending" past their
    /// lease, and claim the due ones (pending -> sending, ETag-guarded per storage batch). Returns the notices another
    /// worker holds under a live lease, and whether another worker moved a batch first.
    /// </summary>
    private async Task<(List<NoticeRecord> Held, bool Contended)> ClaimExistingAsync(
        string incidentId, int phase, List<List<PlannedNotice>> chunks, int batchSize, DateTimeOffset now, List<NoticeRecord> claimed,
        Dictionary<string, AcknowledgementToken> tokens, CancellationToken cancellationToken)
    {
        var lease = TimeSpan.FromSeconds(workflow.Value.SendLeaseSeconds);
        var records = new List<NoticeRecord>();
        foreach (var chunk in chunks)
        {
            var from = NoticeId.IndexOf(chunk[0].NoticeId);
            var rows = await notices.RangeAsync(incidentId, from, from + chunk.Count, phase, cancellationToken);
            var have = rows.Select(r => r.NoticeId).ToHashSet();
            var missing = chunk.Where(n => !have.Contains(n.NoticeId)).Select(n => NoticeRecord.Plan(incidentId, n)).ToList();
            if (missing.Count > 0 && await notices.TryAddAsync(missing, cancellationToken))
            {
                // A batch only partly there (rows created before notices were created claimed): the rest as pending.
                rows.AddRange(missing);
            }

            records.AddRange(rows);
        }

        var held = records.Where(r => r.Lifecycle.IsHeld(now, lease)).ToList();
        var due = records.Where(r => r.Lifecycle.IsClaimable(now, lease)).ToList();
        if (due.Count == 0)
        {
            return (held, false);
        }

        due = await SettleTakenOverAsync(incidentId, due, now, cancellationToken);
        if (due.Count == 0)
        {
            return (held, false);
        }

        // Claimed one storage batch (one transaction) at a time; a chunk another worker moved first is left to it.
        var moved = 0;
        foreach (var chunk in due.GroupBy(r => NoticeId.IndexOf(r.NoticeId) / batchSize).Select(g => g.ToList()))
        {
            var chunkTokens = NewTokens(incidentId, chunk);
            if (await notices.TryUpdateAsync(chunk, r => Claim(r.Lifecycle, chunkTokens[r.NoticeId], now), cancellationToken))
            {
                claimed.AddRange(chunk);
                foreach (var (id, token) in chunkTokens)
                {
                    tokens[id] = token;
                }
            }
            else
            {
                moved++;
            }
        }

        return (held, moved > 0);
    }

    /// <summary>Notices taken over from a crashed worker: if the provider already accepted one, it is sent, not resent.</summary>
    private async Task<List<NoticeRecord>> SettleTakenOverAsync(string incidentId, List<NoticeRecord> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var accepted = new List<NoticeRecord>();
        // Only SendGrid can be asked; a webhook notice is resent under its Idempotency-Key.
        foreach (var record in due.Where(r => r.State == NoticeStatus.Sending && r.ChannelKind == RecipientChannel.Email))
        {
            if (await lookup.WasAcceptedAsync(NoticeRef(record), cancellationToken) == true)
            {
                accepted.Add(record);
                logger.NoticeFoundAccepted(incidentId, record.NoticeId);
            }
        }

        // Not claimed either way: one that could not be recorded as sent now is read again by a later run.
        foreach (var chunk in accepted.Chunk(NoticePlan.MaxBatchSize))
        {
            await notices.TryUpdateAsync(chunk, r => r.Lifecycle.SettleAccepted(now), cancellationToken);
        }

        return [.. due.Except(accepted)];
    }

    private static Dictionary<string, AcknowledgementToken> NewTokens(string incidentId, IEnumerable<NoticeRecord> records) =>
        records.ToDictionary(r => r.NoticeId, r => AcknowledgementToken.Create(incidentId, r.NoticeId, RandomNumberGenerator.GetBytes(AcknowledgementToken.SecretBytes)));

    /// <summary>Claims one notice for this worker's attempt, with the attempt's fresh link.</summary>
    private NoticeTransition Claim(Notice notice, AcknowledgementToken token, DateTimeOffset now) =>
        notice.Claim(now, TimeSpan.FromSeconds(workflow.Value.SendLeaseSeconds), token.Hash, now.AddDays(acknowledgement.Value.TokenLifetimeDays));

    /// <summary>
    /// Sends the claimed notices request by request and records each request's outcome before the next request is sent,
    /// so a crash can repeat at most the one request in flight. Mail recipients of any parties that share a template and
    /// language go in one request (up to SendGrid's count and size limits), their party's values as substitutions.
    /// A send is only started while the claim's lease still outlasts it, so nobody can take these notices over while one
    /// of their sends may be in flight; a claim running short is renewed first (<see cref="NoticeLease"/>); what cannot be
    /// held is handed back untried, as is everything after a deferred request.
    /// </summary>
    private async Task<WorkResult> SendAndRecordAsync(
        WorkItem item, INoticeMatter state, List<NoticeRecord> due, Dictionary<string, AcknowledgementToken> tokens, int storageBatchSize, CancellationToken cancellationToken)
    {
        var o = sendGrid.Value;
        var leases = new NoticeLease(notices, time, TimeSpan.FromSeconds(workflow.Value.SendLeaseSeconds), TimeSpan.FromSeconds(o.TotalTimeoutSeconds), time.GetUtcNow());
        var untried = new MailSendOutcome(false, true, "not tried: an earlier request was deferred, or the lease would not outlast another send");
        MailSendOutcome? deferred = null;
        var mailHeld = false;
        var recorded = new List<NoticeRecord>();

        async Task RecordRequestAsync(List<NoticeRecord> records, MailSendOutcome outcome)
        {
            await RecordAttemptsAsync(item.IncidentId, records, outcome, storageBatchSize, cancellationToken);
            recorded.AddRange(records);
            logger.RequestRecorded(item.IncidentId, item.Batch, records.Count, outcome.Accepted ? "accepted" : outcome.Error ?? "not accepted");
        }

        // A mail request SendGrid did not take (429, 5xx, no answer) holds back the item's later mail requests; a customer's
        // failing webhook holds back nothing else. Sends those of the notices whose claim outlasts the send (renewed if it
        // runs short); returns the others, untried.
        async Task<List<NoticeRecord>> SendOneAsync(List<NoticeRecord> records, bool isMail, Func<List<NoticeRecord>, Task<MailSendOutcome>> send)
        {
            if (isMail && mailHeld)
            {
                return records;
            }

            var held = await leases.HoldForSendAsync(records, cancellationToken);
            var left = held.Count == records.Count ? [] : records.Except(held).ToList();
            if (held.Count == 0)
            {
                return left;
            }

            var outcome = await send(held);
            await RecordRequestAsync(held, outcome);
            if (!outcome.Accepted && outcome.Retryable)
            {
                deferred ??= outcome;
                mailHeld |= isMail;
            }

            return left;
        }

        var untriedRecords = new List<NoticeRecord>();
        foreach (var record in due.Where(r => r.ChannelKind == RecipientChannel.Webhook))
        {
            untriedRecords.AddRange(await SendOneAsync([record], isMail: false, _ => SendWebhookAsync(state, record, tokens[record.NoticeId], cancellationToken)));
        }

        foreach (var group in due.Where(r => r.ChannelKind == RecipientChannel.Email).GroupBy(r => state.TemplateKey(r.Recipient)))
        {
            // One rendering per template and language, whatever the parties; each recipient's party values and link are substitutions.
            var content = state.ComposeShared(group.First().Recipient);
            var byRef = group.ToDictionary(NoticeRef);
            var to = group.Select(r => new MailRecipient(r.Email, r.ContactName, links.Acknowledgement(tokens[r.NoticeId].ToString()), NoticeRef(r), r.Attempts)
            {
                Values = state.PartyValues(r.Recipient),
            }).ToList();
            foreach (var request in MailRequests.Split(content, to, o.MaxRecipientsPerRequest, o.MaxRequestBytes))
            {
                var records = request.Select(m => byRef[m.NoticeRef!]).ToList();
                untriedRecords.AddRange(await SendOneAsync(records, isMail: true, held => mail.SendAsync(
                    new OutgoingMail(content, held.Count == records.Count ? request : Only(request, held)), cancellationToken)));
            }
        }

        if (untriedRecords.Count > 0)
        {
            await RecordRequestAsync(untriedRecords, untried);
            deferred ??= untried;
        }

        return await SummarizeAsync(item, state, recorded, deferred, cancellationToken);
    }

    private async Task<MailSendOutcome> SendWebhookAsync(INoticeMatter state, NoticeRecord record, AcknowledgementToken token, CancellationToken cancellationToken)
    {
        if (directory.Customer(record.PartyId)?.Webhook is not { } webhook)
        {
            return new MailSendOutcome(false, false, $"customers[{record.PartyId}] has no webhook any more");
        }

        var content = state.Compose(record.Recipient);
        var ackUrl = links.Acknowledgement(token.ToString());
        return await webhooks.SendAsync(
            new WebhookNotice(
                webhook.Url, webhook.SecretName, record.IncidentId, record.NoticeId, directory.Processor.Name, record.PartyId, record.DueAt,
                content.Subject, content.Text.Replace(NoticeContent.AckUrlTag, ackUrl, StringComparison.Ordinal), ackUrl),
            cancellationToken);
    }

    /// <summary>
    /// What the provider said to one request, recorded on its notices (<see cref="Notice.RecordAttempt"/>): a transaction
    /// per storage batch they fall in, the batches at once. A batch somebody wrote meanwhile (an acknowledgement or a
    /// delivery event can arrive before "sent" is recorded) is recorded notice by notice on what is there now.
    /// </summary>
    private async Task RecordAttemptsAsync(string incidentId, List<NoticeRecord> records, MailSendOutcome outcome, int storageBatchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var giveUpAfter = TimeSpan.FromMinutes(workflow.Value.SendGiveUpMinutes);
        var attempt = new AttemptOutcome(outcome.Accepted, outcome.MayHaveBeenAccepted, outcome.Retryable, outcome.Error);
        await Task.WhenAll(records.GroupBy(r => NoticeId.IndexOf(r.NoticeId) / storageBatchSize).Select(async g =>
        {
            var chunk = g.ToList();
            if (await notices.TryUpdateAsync(chunk, r => r.Lifecycle.RecordAttempt(r.Attempts, attempt, now, giveUpAfter), cancellationToken))
            {
                return;
            }

            foreach (var wanted in chunk)
            {
                var mine = wanted.Lifecycle.RecordAttempt(wanted.Attempts, attempt, now, giveUpAfter).Next;
                var update = await notices.UpdateAsync(incidentId, wanted.NoticeId, n => n.RecordAttempt(wanted.Attempts, attempt, now, giveUpAfter), cancellationToken);
                // Taken over by another worker (its record is its own): this worker's summary still counts what it did.
                wanted.Lifecycle = update is { Transition.Outcome: not NoticeOutcome.Refused } ? update.Row.Lifecycle : mine;
            }
        }));
    }

    private async Task<WorkResult> SummarizeAsync(WorkItem item, INoticeMatter state, List<NoticeRecord> recorded, MailSendOutcome? deferred, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sent = recorded.Where(r => r.State == NoticeStatus.Sent).ToList();
        var failed = recorded.Where(r => r.State == NoticeStatus.Failed).ToList();
        metrics.NoticesSent(sent.Count);
        foreach (var record in sent)
        {
            metrics.AwarenessToNotice(now - state.StartedAt);
        }

        if (sent.Count > 0)
        {
            logger.BatchSent(item.IncidentId, item.Batch, sent.Count);
        }

        if (failed.Count > 0)
        {
            metrics.NoticesFailed(failed.Count);
            logger.BatchFailed(item.IncidentId, item.Batch, failed[0].LastError ?? "");
            await alerts.NoticesFailedAsync(state.Id, state.Url, failed.Count, failed[0].LastError ?? "", cancellationToken);
        }

        if (deferred is not null)
        {
            logger.BatchDeferred(item.IncidentId, item.Batch, deferred.Error ?? "");
            return WorkResult.Retry(deferred.RetryAfter ?? TimeSpan.FromSeconds(workflow.Value.SendRetrySeconds));
        }

        return WorkResult.Done;
    }

    private static string NoticeRef(NoticeRecord record) => $"{record.IncidentId}/{record.NoticeId}";

    /// <summary>The personalizations of <paramref name="request"/> whose notices are held (the others stay out of it).</summary>
    private static List<MailRecipient> Only(List<MailRecipient> request, List<NoticeRecord> held)
    {
        var refs = held.Select(NoticeRef).ToHashSet(StringComparer.Ordinal);
        return [.. request.Where(m => refs.Contains(m.NoticeRef!))];
    }
}
