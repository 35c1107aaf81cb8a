using System.Text.Json;

namespace BreachNotify.Adapters.Queues;

/// <summary>The workflow queue. Delays are the timers; a delay past the queue's 7-day limit is chained on arrival.</summary>
public sealed class WorkQueue(StorageClients clients)
{
    /// <summary>Azure Storage queues accept a visibility delay of at most 7 days.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    /// <summary>A shared message stays well under the queue's 64 KiB.</summary>
    private const int MaxSharedMessageChars = 48 * 1024;

    /// <summary>Shared messages stored at once: more than one, so one slow write does not hold every caller.</summary>
    private const int MaxSenders = 4;

    private readonly Lock _gate = new();
    private List<(string Json, TimeSpan Visibility, TaskCompletionSource Sent)> _waiting = [];
    private int _senders;
    private TaskCompletionSource _posted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes when this process next stores a message that is visible at once: an idle worker of the same process
    /// then polls right away instead of sleeping out its back-off (the approval's fan-out item, the send items).
    /// </summary>
    public Task NextPost => Volatile.Read(ref _posted).Task;

    public async Task SendAsync(WorkItem item, TimeSpan delay = default, CancellationToken cancellationToken = default)
    {
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : delay > MaxDelay ? MaxDelay : delay;
        await clients.WorkflowQueue.SendMessageAsync(Serialize(item), visibility, TimeSpan.FromSeconds(-1), cancellationToken);
        if (visibility is null)
        {
            Posted();
        }
    }

    /// <summary>
    /// Sends <paramref name="item"/>, sharing one message with the items other callers send meanwhile with the same
    /// delay: while one message is being stored the next ones gather, so under load many incidents cost one queue
    /// write instead of one each (a queue write costs Azurite more than a whole entity-group transaction). Returns
    /// once the message holding the item is stored; alone, an item goes out at once as a message of its own. Up to
    /// <see cref="MaxSenders"/> messages are stored at once.
    /// </summary>
    /// <param name="delay">
    /// Rounded up to a whole second, so that the timers a burst of incidents sets (the same escalation delay, a moment
    /// apart) share messages; a timer then fires up to a second late. Clamped to <see cref="MaxDelay"/> like
    /// <see cref="SendAsync"/>: the handler sends a timer that arrives early on again.
    /// </param>
    public Task SendSharedAsync(WorkItem item, TimeSpan delay = default)
    {
        var visibility = delay <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Ceiling(Math.Min(delay.TotalSeconds, MaxDelay.TotalSeconds)));
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            _waiting.Add((Serialize(item), visibility, sent));
            start = _senders < MaxSenders;
            _senders += start ? 1 : 0;
        }

        if (start)
        {
            _ = Task.Run(SendWaitingAsync);
        }

        return sent.Task;
    }

    private async Task SendWaitingAsync()
    {
        while (true)
        {
            List<(string Json, TimeSpan Visibility, TaskCompletionSource Sent)> batch = [];
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _senders--;
                    return;
                }

                // The oldest waiting item and those waiting with the same delay, as many as fit one message.
                var visibility = _waiting[0].Visibility;
                var chars = 2;
                foreach (var waiting in _waiting)
                {
                    if (waiting.Visibility == visibility && (batch.Count == 0 || chars + waiting.Json.Length + 1 <= MaxSharedMessageChars))
                    {
                        batch.Add(waiting);
                        chars += waiting.Json.Length + 1;
                    }
                }

                _waiting = [.. _waiting.Except(batch)];
            }

            try
            {
                // One item: the plain work item, as every other message. Several: a JSON array of them.
                var text = batch.Count == 1 ? batch[0].Json : $"[{string.Join(',', batch.Select(b => b.Json))}]";
                var visibility = batch[0].Visibility > TimeSpan.Zero ? batch[0].Visibility : (TimeSpan?)null;
                await clients.WorkflowQueue.SendMessageAsync(text, visibility, TimeSpan.FromSeconds(-1), CancellationToken.None);
                batch.ForEach(b => b.Sent.TrySetResult());
                if (visibility is null)
                {
                    Posted();
                }
            }
            catch (Exception e)
            {
                batch.ForEach(b => b.Sent.TrySetException(e));
            }
        }
    }

    private void Posted() => Interlocked.Exchange(ref _posted, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    // The trace the item was queued in goes with it (a retried item keeps the trace it began in).
    private static string Serialize(WorkItem item) =>
        JsonSerializer.Serialize(item.TraceParent is null ? item with { TraceParent = Tracing.CurrentParent } : item, BreachNotify.DomainJson.Options);
}
