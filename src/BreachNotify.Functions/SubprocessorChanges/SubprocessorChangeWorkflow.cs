using BreachNotify.SubprocessorChanges;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>
/// Runs the change's decision function for one message: load, decide with the time now, write events and state at
/// once guarded by the ETag, deciding again on a conflict.
/// </summary>
public sealed class SubprocessorChangeWorkflow(SubprocessorChangeStore store, SubprocessorChangeDecider decider, TimeProvider time, ILogger<SubprocessorChangeWorkflow> logger)
{
    private const int MaxConflicts = 20;

    public async Task<(SubprocessorChangeStep Step, SubprocessorChangeState? State)> HandleAsync(
        string changeId, SubprocessorChangeMessage message, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var current = message is AnnounceChange && attempt == 0 ? null : await store.LoadAsync(changeId, cancellationToken);
            var step = decider.Decide(current?.State, message, time.GetUtcNow());
            if (step.Refusal is not null || step.Events.Count == 0)
            {
                return (step, current?.State);
            }

            var next = step.Events.Aggregate(current?.State ?? SubprocessorChangeState.Empty(changeId), (s, e) => s.Apply(e));
            if (await store.CommitAsync(current, next, step.Events, cancellationToken))
            {
                logger.ChangeStepCommitted(changeId, step.Events.Count, next.Status.ToString(), next.Version);
                return (step, next);
            }
        }

        throw new InvalidOperationException($"Sub-processor change {changeId}: too many concurrent writes.");
    }
}
