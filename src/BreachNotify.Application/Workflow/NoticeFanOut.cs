using BreachNotify.Notices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Application.Workflow;

/// <summary>
/// Turns an approval into send work items (one per <see cref="WorkflowOptions.SendBatchSize"/> notices) and the
/// acknowledgement-reminder timers (one per storage batch, sharing messages). It writes no notice rows: each send item
/// creates its own notices already claimed (<see cref="NoticeBatchSender"/>), one write per notice fewer. The first
/// send item runs here at once, without a queue round trip, so the first notice leaves right after the approval.
/// Idempotent: a re-run after a crash queues the items again, and they find their notices created and sent.
/// Holds nothing per recipient: it only counts them. Any kind of matter (<see cref="INoticeSource"/>): the items it queues carry its kind.
/// </summary>
public sealed class NoticeFanOut(
    NoticeSources sources, NoticeBatchSender sender, WorkQueue queue, CustomerLedgerStore ledger, IOptions<WorkflowOptions> options,
    ILogger<NoticeFanOut> logger)
{
    private const int Parallelism = 8;

    public async Task<WorkResult> RunAsync(WorkItem item, CancellationToken cancellationToken)
    {
        // The recipients are frozen before anything is sent (a kind that froze them at approval does nothing here).
        var source = sources.For(item.Matter);
        await source.FreezeAsync(item.IncidentId, item.Phase, cancellationToken);
        if (await source.LoadSendingAsync(item.IncidentId, item.Phase, cancellationToken) is not { } matter)
        {
            return WorkResult.Done;
        }

        var o = options.Value;
        var count = matter.RecipientCount;
        var batchSize = Math.Clamp(o.FanOutBatchSize, 1, NoticePlan.MaxBatchSize);
        var storageBatches = (count + batchSize - 1) / batchSize;
        var perSend = Math.Max(1, o.SendBatchSize / batchSize);
        var sendItems = (storageBatches + perSend - 1) / perSend;
        if (sendItems == 0)
        {
            return WorkResult.Done;
        }

        // This process sends the first item itself; the others go to the queue (any worker takes them) once its notices
        // are claimed, so that the first request does not wait behind every item's row writes.
        var first = new WorkItem(WorkItemKind.SendBatch, item.IncidentId, Batch: 0, Matter: item.Matter, Phase: item.Phase);
        var headStart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = SendFirstAsync(first, () => headStart.TrySetResult(), cancellationToken);
        await Task.WhenAny(headStart.Task, sending);

        // Each customer's register learns of the matter here, where every kind has its recipients: once the first send's
        // notices are claimed (its row writes are not slowed by these), and awaited before the item is done, so a failure
        // retries the item (its writes are idempotent).
        var registered = ledger.RecordAsync(item.Matter, matter, item.Phase, cancellationToken);
        var queued = Parallel.ForEachAsync(Enumerable.Range(1, sendItems - 1), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (send, ct) => await queue.SendAsync(new WorkItem(WorkItemKind.SendBatch, item.IncidentId, Batch: send, Matter: item.Matter, Phase: item.Phase), cancellationToken: ct));
        var reminders = Task.WhenAll(Enumerable.Range(0, storageBatches).Select(batch =>
            queue.SendSharedAsync(new WorkItem(WorkItemKind.AckReminder, item.IncidentId, Batch: batch, Sequence: 0, Matter: item.Matter, Phase: item.Phase), matter.ReminderInterval(0))));
        var sent = await sending;
        await queued;
        await reminders.WaitAsync(cancellationToken);
        await registered;
        if (sent.RetryAfter is { } after)
        {
            await queue.SendAsync(first, after, cancellationToken);
        }

        logger.FanOutPlanned(item.IncidentId, count, storageBatches);
        return WorkResult.Done;
    }

    private async Task<WorkResult> SendFirstAsync(WorkItem first, Action onClaimed, CancellationToken cancellationToken)
    {
        try
        {
            return await sender.SendAsync(first, cancellationToken, onClaimed);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The first item then goes the way of the others (its own retries and dead letter).
            logger.FirstSendFailed(e, first.IncidentId);
            return WorkResult.Retry(TimeSpan.FromSeconds(1));
        }
    }
}
