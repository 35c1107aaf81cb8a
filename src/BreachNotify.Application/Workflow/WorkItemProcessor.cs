using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Application.Workflow;

/// <summary>
/// The host-independent part of consuming a message: parse, handle, re-queue for later when asked, and move a
/// message that keeps failing to the dead-letter table with its error.
/// </summary>
public sealed class WorkItemProcessor(
    WorkItemHandler handler, WorkQueue queue, DeadLetterStore deadLetters, WorkflowMetrics metrics, Microsoft.Extensions.Options.IOptions<WorkflowOptions> options,
    ILogger<WorkItemProcessor> logger)
{
    /// <summary>
    /// The items of shared messages in flight in this process, all messages together: a shared message holds one of
    /// the host's slots, and its items must not multiply that by their own parallelism.
    /// </summary>
    private readonly SemaphoreSlim _sharedItemSlots = new(options.Value.Concurrency);

    public async Task<WorkItemOutcome> ProcessAsync(string messageId, string body, long dequeueCount, CancellationToken cancellationToken)
    {
        if (body.AsSpan().TrimStart().StartsWith("["))
        {
            return await ProcessSharedAsync(messageId, body, dequeueCount, cancellationToken);
        }

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
            await HandleAsync(item, cancellationToken);
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

    /// <summary>
    /// A message shared by several incidents' items (<see cref="WorkQueue.SendSharedAsync"/>): each is handled on its
    /// own, and one that fails goes back as a message of its own, so its retries and its dead letter concern it alone.
    /// </summary>
    private async Task<WorkItemOutcome> ProcessSharedAsync(string messageId, string body, long dequeueCount, CancellationToken cancellationToken)
    {
        WorkItem?[]? items;
        try
        {
            items = JsonSerializer.Deserialize<WorkItem?[]>(body, BreachNotify.DomainJson.Options);
        }
        catch (JsonException e)
        {
            items = null;
            logger.WorkItemFailed(e, messageId, null, dequeueCount);
        }

        if (items is null || items.Any(i => i is null))
        {
            return await DeadLetterAsync(messageId, null, body, dequeueCount, "InvalidDataException: the message is not a list of work items", cancellationToken);
        }

        await Parallel.ForEachAsync(items, cancellationToken, async (item, ct) =>
        {
            await _sharedItemSlots.WaitAsync(ct);
            try
            {
                await HandleAsync(item!, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.WorkItemFailed(e, messageId, item!.IncidentId, dequeueCount);
                await queue.SendAsync(item, TimeSpan.FromSeconds(1), ct);
            }
            finally
            {
                _sharedItemSlots.Release();
            }
        });
        return WorkItemOutcome.Finished;
    }

    private async Task HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        using var span = Tracing.Continue($"work item {item.Kind}", item.TraceParent);
        span?.SetTag(Tracing.IncidentTag, item.IncidentId);
        var result = await handler.HandleAsync(item, cancellationToken);
        if (result.RetryAfter is { } after)
        {
            // A fresh message, so waiting (a lease, a rate limit, a long timer) never counts toward poison.
            await queue.SendAsync(item, after, cancellationToken);
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
