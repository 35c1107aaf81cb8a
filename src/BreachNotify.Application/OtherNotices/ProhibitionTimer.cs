using BreachNotify.OtherNotices;

namespace BreachNotify.Application.OtherNotices;

/// <summary>
/// Ends the legal prohibitions whose end date came (an approved matter's notices go out then) and reminds the commanders
/// at a prohibition's review date. Runs with the outbox sweep (its interval standalone, the OutboxSweep timer under
/// Azure), reading the due buckets of its timers (<see cref="MatterStore.ProhibitionsIndex"/>): the prohibition holds through restarts
/// because it is a row, not a timer in memory.
/// </summary>
public sealed class ProhibitionTimer(MatterStore store, MatterWorkflow workflow, TimeProvider time)
{
    private const int MaxPerRun = 100;

    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var acted = 0;
        foreach (var id in await store.Table.DueTimersAsync(MatterStore.ProhibitionsIndex, time.GetUtcNow(), MaxPerRun, cancellationToken))
        {
            var (step, state) = await workflow.HandleAsync(id, new CheckProhibition(), cancellationToken);
            if (step.Events.Count > 0)
            {
                acted++;
            }
            else if (state is null)
            {
                // A row written before a step that never committed: no matter, nothing to release.
                await store.Table.SetTimerAsync(MatterStore.ProhibitionsIndex, id, null, cancellationToken);
            }
            else
            {
                // A timer row behind its matter (a crash between the two writes): bring it up to date so it is not found again.
                await store.RefreshRowsAsync(state, cancellationToken);
            }
        }

        return acted;
    }
}
