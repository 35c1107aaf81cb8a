using BreachNotify.Incidents;
using Microsoft.Extensions.Options;

namespace BreachNotify.Application.Workflow;

/// <summary>Turns outbox entries into queue messages. Dispatching twice is harmless: every handler is idempotent.</summary>
public sealed class CommandDispatcher(WorkQueue queue, TimeProvider time, IOptions<WorkflowOptions> options)
{
    public DateTimeOffset RedispatchAt(WorkflowCommand command, DateTimeOffset now)
    {
        var grace = TimeSpan.FromSeconds(options.Value.RedispatchAfterSeconds);
        return command is ScheduleTimer timer ? timer.DueAt + grace : now + grace;
    }

    public async Task DispatchAsync(OutboxEntry entry, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var (item, delay) = entry.Command switch
        {
            ScheduleTimer t => (new WorkItem(WorkItemKind.Timer, entry.IncidentId, entry.RowKey, t.Timer, t.Sequence, t.DueAt), t.DueAt - now),
            NotifyCommanders n => (new WorkItem(WorkItemKind.NotifyCommanders, entry.IncidentId, entry.RowKey, Sequence: n.Sequence, CommanderIds: n.CommanderIds), TimeSpan.Zero),
            // Phase 0 keeps its messages as they were (no phase); a follow-up's or the closing's carries its phase.
            StartFanOut f => ((WorkItem?)new WorkItem(WorkItemKind.FanOut, entry.IncidentId, entry.RowKey, Phase: f.Phase), TimeSpan.Zero),
            WarnDeadline w => (new WorkItem(WorkItemKind.DeadlineWarning, entry.IncidentId, entry.RowKey, Sequence: w.Sequence, DueAt: w.DueAt, PartyIds: w.PartyIds), TimeSpan.Zero),
            _ => throw new InvalidOperationException($"No dispatch for {entry.Command.GetType().Name}."),
        };
        if (item is not null)
        {
            await queue.SendSharedAsync(item, delay).WaitAsync(cancellationToken);
        }
    }
}
