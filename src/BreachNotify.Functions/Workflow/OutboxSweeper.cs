using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Workflow;

/// <summary>Re-sends outbox commands that no handler completed in time: what a crash between commit and dispatch left behind.</summary>
public sealed class OutboxSweeper(
    IncidentStore incidents, OutboxStore outbox, CommandDispatcher dispatcher, SubprocessorChanges.ObjectionWindowCloser windows, SubprocessorChanges.SubprocessorChangeWorkflow changes,
    TimeProvider time, IOptions<WorkflowOptions> options, ILogger<OutboxSweeper> logger,
    OtherNotices.ProhibitionTimer prohibitions, OtherNotices.MatterWorkflow matters, OtherNotices.DrillScheduler drills)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();

        // First the new incidents whose creation no later write filed: their outbox rows are then overdue like any other.
        await incidents.FileOverdueAsync(now, 500, cancellationToken);
        var overdue = await outbox.OverdueAsync(now, 500, cancellationToken);
        foreach (var entry in overdue)
        {
            await outbox.PostponeAsync(entry, now.AddSeconds(options.Value.RedispatchAfterSeconds), cancellationToken);
            await dispatcher.DispatchAsync(entry, cancellationToken);
        }

        if (overdue.Count > 0)
        {
            logger.SweepRedispatched(overdue.Count);
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

        return overdue.Count;
    }
}
