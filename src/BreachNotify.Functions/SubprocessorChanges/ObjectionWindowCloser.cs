using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>
/// Records "no objection in window" consent for the customers whose objection window has closed without an answer.
/// Runs with the outbox sweep (its interval standalone, the OutboxSweep timer under Azure).
/// </summary>
public sealed class ObjectionWindowCloser(SubprocessorChangeStore store, SubprocessorChangeWorkflow workflow, TimeProvider time)
{
    private const int MaxPerRun = 100;

    public async Task<int> CloseDueAsync(CancellationToken cancellationToken = default)
    {
        var closed = 0;
        foreach (var id in await store.WindowsClosedAsync(time.GetUtcNow(), MaxPerRun, cancellationToken))
        {
            var (step, state) = await workflow.HandleAsync(id, new CloseObjectionWindows(), cancellationToken);
            if (step.Events.Count > 0)
            {
                closed++;
            }
            else if (state is not null)
            {
                // A list row behind its change (a crash between the two writes): bring it up to date so it is not found again.
                await store.RefreshListRowAsync(state, cancellationToken);
            }
        }

        return closed;
    }
}
