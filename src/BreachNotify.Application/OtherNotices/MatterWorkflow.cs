using Azure;
using BreachNotify.OtherNotices;
using BreachNotify.Parties;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Application.OtherNotices;

/// <summary>
/// Runs the matter's decision function for one message: load, decide with the time now, write events and state at once
/// guarded by the ETag, deciding again on a conflict. What a step owes (the fan-out once the notices are due: at an
/// approval without a prohibition, or when an approved matter's prohibition ends or is lifted; the commanders' review
/// reminder) is recorded before the step's write and queued after it; the sweep queues what a crash left. An approval's
/// recipients are written as rows of their own before its step (<see cref="FrozenRecipientStore"/>), and the step records only
/// their count and version.
/// </summary>
public sealed class MatterWorkflow(
    MatterStore store, MatterDecider decider, FrozenRecipientStore frozen, ProcessorDirectory directory, WorkQueue queue, TimeProvider time,
    IOptions<WorkflowOptions> options, ILogger<MatterWorkflow> logger)
{
    private const int MaxConflicts = 20;

    public async Task<(MatterStep Step, MatterState? State)> HandleAsync(string id, MatterMessage message, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var current = message is ReceiveMatter && attempt == 0 ? null : await store.LoadAsync(id, cancellationToken);
            var now = time.GetUtcNow();
            var step = decider.Decide(current?.State, message, now);
            if (step.Refusal is not null || step.Events.Count == 0)
            {
                return (step, current?.State);
            }

            step = step with { Events = await FreezeAsync(id, step.Events, cancellationToken) };
            var before = current?.State ?? MatterState.Empty(id);
            var work = Owed(before, step.Events);
            foreach (var w in work)
            {
                await store.Table.RecordWorkAsync(w, now.AddSeconds(options.Value.RedispatchAfterSeconds), cancellationToken);
            }

            var next = step.Events.Aggregate(before, (s, e) => s.Apply(e));
            if (MatterDecider.NextCheckAt(next) is { } checkAt)
            {
                // The prohibition's timer row before the step, as owed work is: a crash after the commit cannot leave a held notice without its release.
                await store.Table.SetTimerAsync(MatterStore.ProhibitionsIndex, id, checkAt, cancellationToken);
            }

            if (await store.CommitAsync(current, next, step.Events, cancellationToken))
            {
                logger.MatterStepCommitted(id, step.Events.Count, next.Status.ToString(), next.Version);
                await DispatchAsync(work, cancellationToken);
                return (step, next);
            }
        }

        throw new InvalidOperationException($"Matter {id}: too many concurrent writes.");
    }

    /// <summary>Queues again the owed work no handler completed in time (a crash between a step's write and its dispatch).</summary>
    public async Task<int> SweepWorkAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var overdue = await store.Table.OverdueWorkAsync(now, 200, cancellationToken);
        foreach (var w in overdue)
        {
            await store.Table.PostponeWorkAsync(w.RowKey, now.AddSeconds(options.Value.RedispatchAfterSeconds), cancellationToken);
        }

        await DispatchAsync(overdue, cancellationToken);
        return overdue.Count;
    }

    private async Task DispatchAsync(IReadOnlyList<OwedWork> work, CancellationToken cancellationToken)
    {
        foreach (var w in work)
        {
            try
            {
                await queue.SendAsync(w.Item, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e)
            {
                // The step is committed: failing the request would invite a retry; the sweep queues it.
                logger.MatterWorkNotQueued(w.MatterId, w.Kind.ToString(), e.Status);
            }
        }
    }

    /// <summary>An approval's recipients as rows of their own, written before the step that records them (<see cref="FrozenRecipientStore.FreezeApprovalsAsync"/>).</summary>
    private Task<IReadOnlyList<MatterEvent>> FreezeAsync(string id, IReadOnlyList<MatterEvent> events, CancellationToken cancellationToken) =>
        frozen.FreezeApprovalsAsync<MatterEvent>(
            id, events,
            e => e is MatterApproved { Frozen: null } approved ? MatterNoticeSource.RecipientsOf(approved.Recipients, 0, approved.Recipients.Count) : null,
            (e, freeze) => ((MatterApproved)e) with { Recipients = [], Frozen = freeze },
            DirectoryVersion.Of(directory), cancellationToken);

    /// <summary>The work each event owes, judged on the state before it (an approval is released only without a prohibition).</summary>
    private static List<OwedWork> Owed(MatterState before, IReadOnlyList<MatterEvent> events)
    {
        var work = new List<OwedWork>();
        var state = before;
        foreach (var e in events)
        {
            var version = state.Version;
            var released = !state.Sending && state.Apply(e) is { Sending: true };
            if (released)
            {
                work.Add(OwedWork.For(state.Id, WorkItemKind.FanOut, version, MatterKind.OtherNotice));
            }
            else if (e is ProhibitionReviewDue)
            {
                work.Add(OwedWork.For(state.Id, WorkItemKind.ProhibitionReview, version, MatterKind.OtherNotice));
            }

            state = state.Apply(e);
        }

        return work;
    }
}
