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
        WorkItem? item;
        try
        {
            item = JsonSerializer.Deserialize<WorkItem>(body, BreachNotify.DomainJson.Options);
        }
        catch (JsonException e)
        {
            item = null;
            logger.WorkItemFailed(e, messageId, null, dequeueCount);
        }

        if (item is null)
        {
            // Not a work item at all: retrying cannot help.
            return await DeadLetterAsync(messageId, null, body, dequeueCount, "InvalidDataException: the message is not a work item", cancellationToken);
        }

        try
        {
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
            logger.WorkItemFailed(e, messageId, item.IncidentId, dequeueCount);
            return dequeueCount < options.Value.MaxDequeueCount && e is not InvalidDataException
                ? WorkItemOutcome.Failed
                : await DeadLetterAsync(messageId, item.IncidentId, body, dequeueCount, $"{e.GetType().Name}: {e.Message}", cancellationToken);
        }
    }

    private async Task<WorkItemOutcome> DeadLetterAsync(string messageId, string? incidentId, string body, long dequeueCount, string error, CancellationToken cancellationToken)
    {
        await deadLetters.AddAsync(messageId, incidentId, body, (int)dequeueCount, error, cancellationToken);
        metrics.DeadLettered();
        logger.DeadLettered(messageId, incidentId, dequeueCount);
        return WorkItemOutcome.Finished;
    }
}
