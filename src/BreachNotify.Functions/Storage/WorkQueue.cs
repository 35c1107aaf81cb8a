using System.Text.Json;
using BreachNotify.Functions.Workflow;

namespace BreachNotify.Functions.Storage;

/// <summary>The workflow queue. Delays are the timers; a delay past the queue's 7-day limit is chained on arrival.</summary>
public sealed class WorkQueue(StorageClients clients)
{
    /// <summary>Azure Storage queues accept a visibility delay of at most 7 days.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    public async Task SendAsync(WorkItem item, TimeSpan delay = default, CancellationToken cancellationToken = default)
    {
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : delay > MaxDelay ? MaxDelay : delay;
        await clients.WorkflowQueue.SendMessageAsync(
            JsonSerializer.Serialize(item, BreachNotify.DomainJson.Options), visibility, TimeSpan.FromSeconds(-1), cancellationToken);
    }
}
