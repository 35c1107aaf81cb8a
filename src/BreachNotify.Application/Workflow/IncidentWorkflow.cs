using BreachNotify.Incidents;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Application.Workflow;

/// <summary>
/// Runs the decision function for one message: load the state, decide, write events + state + outbox at once, guarded
/// by the ETag (reloading and deciding again on a conflict), then dispatch the outbox.
/// </summary>
public sealed class IncidentWorkflow(
    IncidentStore store, IncidentDecider decider, CommandDispatcher dispatcher, TimeProvider time, ILogger<IncidentWorkflow> logger)
{
    private const int MaxConflicts = 50;

    /// <param name="assumeNew">
    /// Skip the first read and try to create the incident: a new detection then costs one single-entity write and a
    /// share of a queue message; a known one finds the row there (conflict), reads it, and decides again.
    /// </param>
    public async Task<(IncidentStep Step, IncidentState? State)> HandleAsync(
        string incidentId, WorkflowMessage message, CancellationToken cancellationToken = default, bool assumeNew = false)
    {
        // A child of the request's or the work item's span: the work items this step queues continue its trace.
        using var span = Tracing.Source.StartActivity($"decide {message.GetType().Name}");
        span?.SetTag(Tracing.IncidentTag, incidentId);
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var current = assumeNew && attempt == 0 ? null : await store.LoadAsync(incidentId, cancellationToken);
            var now = time.GetUtcNow();
            var step = decider.Decide(current?.State, await WithDetectionsAsync(current, message, cancellationToken), now);
            if (step.Refusal is not null || (step.Events.Count == 0 && step.Commands.Count == 0))
            {
                return (step, current?.State);
            }

            var next = step.Events.Aggregate(current?.State ?? IncidentState.Empty(incidentId), (s, e) => s.Apply(e));
            var outbox = step.Commands
                .Select((c, i) => new OutboxEntry(incidentId, RowKeys.Outbox(incidentId, next.Version, i), c, dispatcher.RedispatchAt(c, now)))
                .ToList();
            if (!await store.CommitAsync(current, next, step.Events, outbox, cancellationToken))
            {
                // Many writers on one incident (a burst of related detections): a short random pause, growing with the
                // attempts, lets them take turns instead of colliding again. Real time: it is a back-off, not a clock.
                await Task.Delay(Random.Shared.Next(0, 5 << Math.Min(attempt, 5)), cancellationToken);
                continue;
            }

            logger.StepCommitted(incidentId, step.Events.Count, step.Commands.Count, next.Version);
            foreach (var entry in outbox)
            {
                try
                {
                    await dispatcher.DispatchAsync(entry, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Committed is what counts: the outbox row stays and the sweep sends it.
                    logger.DispatchFailed(e, incidentId, entry.RowKey);
                }
            }

            return (step, next);
        }

        throw new InvalidOperationException($"Incident {incidentId}: gave up after {MaxConflicts} concurrent-write conflicts.");
    }

    /// <summary>A classification timer that still has work becomes <see cref="ClassificationDue"/>, with the detections read from their rows.</summary>
    private async Task<WorkflowMessage> WithDetectionsAsync(StoredIncident? current, WorkflowMessage message, CancellationToken cancellationToken)
    {
        if (message is not TimerFired { Timer: TimerKind.Classification } timer)
        {
            return message;
        }

        return current is not null && IncidentDecider.IsClassificationDue(current.State, timer.Sequence)
            ? new ClassificationDue(timer.Sequence, IncidentDetections.From(await store.HistoryAsync(current, cancellationToken)))
            : new ClassificationDue(timer.Sequence, []);
    }
}
