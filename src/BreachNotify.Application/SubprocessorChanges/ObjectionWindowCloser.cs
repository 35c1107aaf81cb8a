using BreachNotify.Notices;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>
/// The changes' timers, run with the outbox sweep (its interval standalone, the OutboxSweep timer under Azure): records
/// "no objection in window" consent for the customers whose window closed without an answer (its
/// <c>windows</c> timers), and advances the other clocks (its <c>clocks</c> timers): a change becoming current at its effective
/// time, the check of each notice deadline, the cure period's reminders and end.
/// </summary>
public sealed class ObjectionWindowCloser(
    SubprocessorChangeStore store, SubprocessorChangeWorkflow workflow, NoticeStore notices, FrozenRecipientStore recipients, TimeProvider time)
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

        return closed + await AdvanceClocksAsync(cancellationToken);
    }

    /// <summary>Advances each change whose next timer came; the notice rows are read only when a notice deadline is due.</summary>
    public async Task<int> AdvanceClocksAsync(CancellationToken cancellationToken = default)
    {
        var advanced = 0;
        foreach (var id in await store.ClocksDueAsync(time.GetUtcNow(), MaxPerRun, cancellationToken))
        {
            if (await store.LoadAsync(id, cancellationToken) is not { } stored)
            {
                continue;
            }

            var unsent = stored.State.NoticeDeadlineDue(time.GetUtcNow()) ? await UnsentCustomersAsync(stored.State, cancellationToken) : [];
            var (step, state) = await workflow.HandleAsync(id, new AdvanceChangeClocks(unsent), cancellationToken);
            if (step.Events.Count > 0)
            {
                advanced++;
            }
            else if (state is not null)
            {
                await store.RefreshListRowAsync(state, cancellationToken);
            }
        }

        return advanced;
    }

    /// <summary>The customers with a frozen recipient whose notice has not been sent (no row yet, or no sending time).</summary>
    private async Task<IReadOnlyList<string>> UnsentCustomersAsync(SubprocessorChangeState state, CancellationToken cancellationToken)
    {
        var sent = (await notices.AllAsync(state.Id, cancellationToken)).Where(n => n.SentAt is not null).Select(n => n.NoticeId).ToHashSet(StringComparer.Ordinal);
        var frozen = await ChangeNoticeSource.RecipientsOfAsync(recipients, state, 0, state.RecipientCount, cancellationToken);
        return [.. frozen.Select((r, i) => (CustomerId: r.PartyId, Id: NoticeId.For(i))).Where(r => !sent.Contains(r.Id)).Select(r => r.CustomerId).Distinct()];
    }
}
