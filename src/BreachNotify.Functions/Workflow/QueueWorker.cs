using System.Text.Json;
using Azure.Storage.Queues.Models;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Workflow;

/// <summary>
/// Standalone host only: competing consumers on the workflow queue. Any number of processes may run it on the
/// same storage. Under the Functions host, the queue trigger delivers the same messages to <see cref="WorkItemProcessor"/>.
/// </summary>
public sealed class QueueWorker(StorageClients clients, WorkQueue queue, WorkItemProcessor processor, IOptions<WorkflowOptions> options, ILogger<QueueWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var slots = new SemaphoreSlim(o.Concurrency);
        var idle = TimeSpan.FromMilliseconds(50);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken);
                var free = slots.CurrentCount + 1;
                var posted = queue.NextPost;
                QueueMessage[] messages = await clients.WorkflowQueue.ReceiveMessagesAsync(
                    Math.Min(32, free), TimeSpan.FromSeconds(o.VisibilityTimeoutSeconds), stoppingToken);
                slots.Release();
                if (messages.Length == 0)
                {
                    // Woken early when this process itself queues work (its own approval's fan-out, its send items).
                    await Task.WhenAny(posted, Task.Delay(idle, stoppingToken));
                    stoppingToken.ThrowIfCancellationRequested();
                    idle = TimeSpan.FromMilliseconds(Math.Min(250, idle.TotalMilliseconds * 2));
                    continue;
                }

                idle = TimeSpan.FromMilliseconds(50);
                foreach (var message in messages)
                {
                    await slots.WaitAsync(stoppingToken);
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await ProcessAsync(message, stoppingToken);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }, CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.WorkerLoopError(e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await processor.ProcessAsync(message.MessageId, message.Body.ToString(), message.DequeueCount, cancellationToken);
            if (outcome == WorkItemOutcome.Finished)
            {
                await clients.WorkflowQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
            else
            {
                // Failed but not yet poison: back off before the next try instead of waiting the whole visibility timeout.
                var backoff = TimeSpan.FromSeconds(Math.Min(options.Value.VisibilityTimeoutSeconds, Math.Pow(2, message.DequeueCount)));
                await clients.WorkflowQueue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: backoff, cancellationToken: cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.WorkerLoopError(e);
        }
    }
}
