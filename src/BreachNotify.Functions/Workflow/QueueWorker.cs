using System.Text.Json;
using Azure.Storage.Queues.Models;
using BreachNotify.Functions.Hosting;
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
        // A long item (a send of 1,000 notices while 31 others run) keeps its message hidden: the visibility is renewed
        // every half timeout, so another worker does not take the message (and re-read the rows) while it runs. A crash
        // stops the renewal, and the message comes back within one timeout.
        var visibility = TimeSpan.FromSeconds(options.Value.VisibilityTimeoutSeconds);
        var receipt = message.PopReceipt;
        using var finished = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        async Task RenewAsync()
        {
            try
            {
                while (true)
                {
                    await Task.Delay(visibility / 2, finished.Token);
                    var renewed = await clients.WorkflowQueue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: visibility, cancellationToken: finished.Token);
                    receipt = renewed.Value.PopReceipt;
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Azure.RequestFailedException e)
            {
                logger.WorkerLoopError(e);
            }
        }

        try
        {
            var renewing = RenewAsync();
            WorkItemOutcome outcome;
            try
            {
                outcome = await processor.ProcessAsync(message.MessageId, message.Body.ToString(), message.DequeueCount, cancellationToken);
            }
            finally
            {
                await finished.CancelAsync();
                await renewing;
            }

            if (outcome == WorkItemOutcome.Finished)
            {
                await clients.WorkflowQueue.DeleteMessageAsync(message.MessageId, receipt, cancellationToken);
            }
            else
            {
                // Failed but not yet poison: back off before the next try instead of waiting the whole visibility timeout.
                var backoff = TimeSpan.FromSeconds(Math.Min(options.Value.VisibilityTimeoutSeconds, Math.Pow(2, message.DequeueCount)));
                await clients.WorkflowQueue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: backoff, cancellationToken: cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.WorkerLoopError(e);
        }
    }
}
