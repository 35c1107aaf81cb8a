using System.Text.Json;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Storage;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.Workflow;

/// <summary>
/// The host-independent part of consuming a message: parse, handle, re-queue for later when asked, and move a
/// message that keeps failing to the dead-letter table with its error.
/// </summary>
public sealed class WorkItemProcessor(
    WorkItemHandler handler, WorkQueue queue, DeadLetterStore deadLetters, WorkflowMetrics metrics, Microsoft.Extensions.Options.IOptions<WorkflowOptions> options,
    ILogger<WorkItemProcessor> logger)
{
    public async Task<WorkItemOutcome> ProcessAsync(string messageId, string body, long dequeueCount, CancellationToken cancellationToken)
    {
        WorkItem? item = null;
        try
        {
            item = JsonSerializer.Deserialize<WorkItem>(body, BreachNotify.DomainJson.Options)
                ?? throw new InvalidDataException("Empty work item.");
            var result = await handler.HandleAsync(item, cancellationToken);
            if (result.RetryAfter is { } after)
            {
                // A fresh message, so waiting (a lease, a rate limit, a long timer) never counts toward poison.
                await queue.SendAsync(item, after, cancellationToken);
            }

            return WorkItemOutcome.Finished;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.WorkItemFailed(e, messageId, item?.IncidentId, dequeueCount);
            if (dequeueCount < options.Value.MaxDequeueCount && e is not JsonException and not InvalidDataException)
            {
                return WorkItemOutcome.Failed;
            }

            await deadLetters.AddAsync(messageId, item?.IncidentId, body, (int)dequeueCount, $"{e.GetType().Name}: {e.Message}", cancellationToken);
            metrics.DeadLettered();
            logger.DeadLettered(messageId, item?.IncidentId, dequeueCount);
            return WorkItemOutcome.Finished;
        }
    }
}
