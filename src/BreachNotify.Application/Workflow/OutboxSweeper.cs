using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Application.Workflow;

/// <summary>Re-sends outbox commands that no handler completed in time: what a crash between commit and dispatch left behind.</summary>
public sealed class OutboxSweeper(
    IncidentStore incidents, OutboxStore outbox, PendingWorkIndex pending, CommandDispatcher dispatcher, ObjectionWindowCloser windows, SubprocessorChangeWorkflow changes,
    TimeProvider time, IOptions<WorkflowOptions> options, ILogger<OutboxSweeper> logger,
    ProhibitionTimer prohibitions, MatterWorkflow matters, DrillScheduler drills)
{
    /// <summary>Index rows read per page; a sweep reads pages until the due work is drained or <see cref="MaxRowsPerSweep"/>.</summary>
    private const int PageSize = 500;

    private const int MaxRowsPerSweep = 5_000;

    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var redispatched = 0;
        for (var read = 0; read < MaxRowsPerSweep;)
        {
            // Only the index's buckets up to now, bucket by bucket: no query without a partition key.
            var due = await pending.DueAsync(now, PageSize, cancellationToken);
            read += due.Count;

            // First the new incidents whose creation no later write filed: their outbox rows are then indexed and due like any other.
            if (await incidents.FileOverdueAsync(due, cancellationToken) > 0)
            {
                due = await pending.DueAsync(now, PageSize, cancellationToken);
            }

            var overdue = await outbox.OverdueAsync(due, now, cancellationToken);
            foreach (var entry in overdue)
            {
                await outbox.PostponeAsync(entry, now.AddSeconds(options.Value.RedispatchAfterSeconds), now, cancellationToken);
                await dispatcher.DispatchAsync(entry.Entry, cancellationToken);
            }

            redispatched += overdue.Count;
            if (due.Count < PageSize)
            {
                break;
            }
        }

        if (redispatched > 0)
        {
            logger.SweepRedispatched(redispatched);
        }

        // Sub-processor changes: consent for the customers whose objection window closed without an answer.
        await windows.CloseDueAsync(cancellationToken);
        // And the notice work their steps owe that no handler completed in time (a crash between a step and its dispatch).
        await changes.SweepWorkAsync(cancellationToken);

        // Other notices: legal prohibitions whose end or review date came (their own partition), then the work their steps owe.
        await prohibitions.RunDueAsync(cancellationToken);
        // Scheduled contact drills whose occurrence came (one partition), before the work sweep so an auto-approval's fan-out is swept too.
        await drills.RunDueAsync(cancellationToken);
        await matters.SweepWorkAsync(cancellationToken);

        return redispatched;
    }
}
