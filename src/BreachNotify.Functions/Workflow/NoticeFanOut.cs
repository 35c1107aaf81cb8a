using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Storage;
using BreachNotify.Incidents;
using BreachNotify.Notices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Workflow;

/// <summary>
/// Turns an approval into notice records (batches of up to 100, one transaction each) and one queue message per batch.
/// Idempotent: a re-run after a crash creates only what is missing, and re-queued batches find their notices already sent.
/// </summary>
public sealed class NoticeFanOut(
    IncidentStore incidents, NoticeStore notices, BreachNotify.Parties.ProcessorDirectory directory, WorkQueue queue, IOptions<WorkflowOptions> options, ILogger<NoticeFanOut> logger)
{
    private const int Parallelism = 8;

    public async Task<WorkResult> RunAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var stored = await incidents.LoadAsync(item.IncidentId, cancellationToken);
        if (stored?.State is not { Status: IncidentStatus.Approved } state)
        {
            return WorkResult.Done;
        }

        var o = options.Value;
        var plan = NoticePlan.For(RecipientList.Of(directory, state), o.FanOutBatchSize);
        var batches = Enumerable.Range(0, plan.BatchCount).ToList();
        var batchesPerSend = Math.Max(1, o.SendBatchSize / plan.BatchSize);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            await notices.CreateMissingAsync(item.IncidentId, plan, batch, ct);
            if (batch % batchesPerSend == 0)
            {
                // One send item per send group (several storage batches): requests of up to 1,000 personalizations.
                await queue.SendAsync(new WorkItem(WorkItemKind.SendBatch, item.IncidentId, Batch: batch / batchesPerSend), cancellationToken: ct);
            }

            await queue.SendAsync(new WorkItem(WorkItemKind.AckReminder, item.IncidentId, Batch: batch, Sequence: 0), TimeSpan.FromMinutes(o.AckReminderMinutes), ct);
        });
        logger.FanOutPlanned(item.IncidentId, plan.Notices.Count, plan.BatchCount);
        return WorkResult.Done;
    }
}
