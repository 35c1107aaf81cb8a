using Azure;
using BreachNotify.Parties;
using BreachNotify.SubprocessorChanges;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>
/// Runs the change's decision function for one message: load, decide with the time now, write events and state at
/// once guarded by the ETag, deciding again on a conflict. What a step owes the notice engine (an approval's fan-out,
/// a withdrawal's notices, an objection's receipt) is recorded before the step's write and queued after it
/// (<see cref="SubprocessorChangeStore.RecordWorkAsync"/>; the sweep queues what a crash left). An approval's recipients are
/// written as rows of their own before its step (<see cref="FrozenRecipientStore"/>), and the step records only their count and version.
/// </summary>
public sealed class SubprocessorChangeWorkflow(
    SubprocessorChangeStore store, SubprocessorChangeDecider decider, FrozenRecipientStore frozen, ProcessorDirectory directory, WorkQueue queue,
    TimeProvider time, IOptions<WorkflowOptions> options, ILogger<SubprocessorChangeWorkflow> logger)
{
    private const int MaxConflicts = 20;

    public async Task<(SubprocessorChangeStep Step, SubprocessorChangeState? State)> HandleAsync(
        string changeId, SubprocessorChangeMessage message, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var current = message is AnnounceChange && attempt == 0 ? null : await store.LoadAsync(changeId, cancellationToken);
            var now = time.GetUtcNow();
            var step = decider.Decide(current?.State, message, now);
            if (step.Refusal is not null || step.Events.Count == 0)
            {
                return (step, current?.State);
            }

            step = step with { Events = await FreezeAsync(changeId, step.Events, cancellationToken) };
            var work = Owed(changeId, current?.State.Version ?? 0, step.Events);
            foreach (var w in work)
            {
                await store.RecordWorkAsync(w, now.AddSeconds(options.Value.RedispatchAfterSeconds), cancellationToken);
            }

            var next = step.Events.Aggregate(current?.State ?? SubprocessorChangeState.Empty(changeId), (s, e) => s.Apply(e));
            await store.PrepareClockAsync(next, cancellationToken);
            if (await store.CommitAsync(current, next, step.Events, cancellationToken))
            {
                logger.ChangeStepCommitted(changeId, step.Events.Count, next.Status.ToString(), next.Version);
                await DispatchAsync(work, cancellationToken);
                return (step, next);
            }
        }

        throw new InvalidOperationException($"Sub-processor change {changeId}: too many concurrent writes.");
    }

    /// <summary>Queues owed work at once; a failure is left to the sweep (the step is committed: failing the request would invite a retry).</summary>
    public async Task DispatchAsync(IReadOnlyList<ChangeWork> work, CancellationToken cancellationToken = default)
    {
        foreach (var w in work)
        {
            try
            {
                await queue.SendAsync(w.Item, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e)
            {
                logger.ChangeWorkNotQueued(w.ChangeId, w.Kind.ToString(), e.Status);
            }
        }
    }

    /// <summary>Queues again the owed work no handler completed in time (a crash between a step's write and its dispatch).</summary>
    public async Task<int> SweepWorkAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var overdue = await store.OverdueWorkAsync(now, 200, cancellationToken);
        foreach (var w in overdue)
        {
            await store.PostponeWorkAsync(w.RowKey, now.AddSeconds(options.Value.RedispatchAfterSeconds), cancellationToken);
        }

        await DispatchAsync(overdue, cancellationToken);
        return overdue.Count;
    }

    /// <summary>An approval's recipients as rows of their own, written before the step that records them (<see cref="FrozenRecipientStore.FreezeApprovalsAsync"/>).</summary>
    private Task<IReadOnlyList<SubprocessorChangeEvent>> FreezeAsync(string changeId, IReadOnlyList<SubprocessorChangeEvent> events, CancellationToken cancellationToken) =>
        frozen.FreezeApprovalsAsync<SubprocessorChangeEvent>(
            changeId, events,
            e => e is ChangeApproved { Frozen: null } approved ? ChangeNoticeSource.RecipientsOf(approved.Recipients, 0, approved.Recipients.Count) : null,
            (e, freeze) => ((ChangeApproved)e) with { Recipients = [], Frozen = freeze },
            DirectoryVersion.Of(directory), cancellationToken);

    private static List<ChangeWork> Owed(string changeId, int version, IReadOnlyList<SubprocessorChangeEvent> events) =>
    [
        .. events.Select((e, i) => e switch
        {
            ChangeApproved => ChangeWork.For(changeId, WorkItemKind.FanOut, version + i),
            ChangeWithdrawn { AfterApproval: true } => ChangeWork.For(changeId, WorkItemKind.Withdrawal, version + i),
            ObjectionRecorded o => ChangeWork.For(changeId, WorkItemKind.ObjectionReceipt, version + i, o.CustomerId),
            CureReminderDue or CurePeriodEnded or NoticeDeadlinePassed { Unsent.Count: > 0 } => ChangeWork.Alert(changeId, version + i),
            _ => null,
        }).OfType<ChangeWork>(),
    ];
}
