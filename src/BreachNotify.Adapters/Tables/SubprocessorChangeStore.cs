using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// The table <c>{prefix}subprocessorchanges</c>. Each change has its own partition (the change id): a state row and
/// one history row per event, every step one entity-group transaction guarded by the state row's ETag, and the
/// owed work (timers of the <c>work</c> index), all through the shared <see cref="MatterTable{TState, TEvent}"/>. The list is kept in month partitions (<c>list-yyyyMM</c> of the announcement), one row per
/// change keyed newest first, so listing reads a few partitions rather than scanning the table. A change with an objection window still open also has a timer in
/// <see cref="Windows"/> (when the next one closes), and one with a clock left in <see cref="Clocks"/>. Both are
/// written after the change's own transaction (another partition cannot join it): the change partition is the truth,
/// and a list row that a crash left behind is rewritten by the change's next step.
/// </summary>
public sealed class SubprocessorChangeStore(StorageClients clients, TimeProvider time, Microsoft.Extensions.Logging.ILogger<SubprocessorChangeStore> logger)
{
    public const int ListMonths = 24;
    private const string ListPartitionPrefix = "list-";
    public const string WindowsIndex = "windows";
    public const string ClocksIndex = "clocks";

    private TableClient Table => clients.SubprocessorChanges;

    /// <summary>The state, history and owed work, through the engine's shared store (the same row keys this table always had).</summary>
    private MatterTable<SubprocessorChangeState, SubprocessorChangeEvent> Matters { get; } = new(clients.SubprocessorChanges, MatterKind.SubprocessorChange);

    /// <summary>When each approved change's next unanswered window closes (<see cref="MatterTimerIndex"/>).</summary>
    public MatterTimerIndex Windows { get; } = new(clients.SubprocessorChanges, WindowsIndex);

    /// <summary>When each change's next clock (effective time, notice deadline, cure reminder or end) is due.</summary>
    public MatterTimerIndex Clocks { get; } = new(clients.SubprocessorChanges, ClocksIndex);

    public async Task<StoredChange?> LoadAsync(string changeId, CancellationToken cancellationToken = default) =>
        await Matters.LoadAsync(changeId, cancellationToken) is { } found ? new StoredChange(found.State, found.ETag) : null;

    /// <summary>Writes the step in one transaction; false when another writer got there first (the caller reloads and decides again).</summary>
    public async Task<bool> CommitAsync(StoredChange? current, SubprocessorChangeState next, IReadOnlyList<SubprocessorChangeEvent> events, CancellationToken cancellationToken = default)
    {
        var columns = new Dictionary<string, object?>
        {
            ["Status"] = next.Status.ToString(),
            ["EffectiveAt"] = next.Change?.EffectiveAt,
            ["AnnouncedAt"] = next.AnnouncedAt,
            ["Version"] = next.Version,
            ["UpdatedAt"] = time.GetUtcNow(),
        };
        if (!await Matters.CommitAsync(next.Id, current?.ETag, current?.State.Version ?? 0, next, events, columns, cancellationToken))
        {
            return false;
        }

        try
        {
            await WriteListRowAsync(next, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            // The change is committed: failing the request now would invite a retry that announces it twice.
            logger.ListRowNotWritten(next.Id, e.Status);
        }

        return true;
    }

    public Task<IReadOnlyList<SubprocessorChangeEvent>> HistoryAsync(string changeId, CancellationToken cancellationToken = default) =>
        Matters.HistoryAsync(changeId, cancellationToken);

    /// <summary>The changes announced in the last <see cref="ListMonths"/> months, newest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<ChangeListEntry>> ListAsync(int max, CancellationToken cancellationToken = default)
    {
        var entries = new List<ChangeListEntry>();
        var month = time.GetUtcNow();
        for (var i = 0; i < ListMonths && entries.Count < max; i++, month = month.AddMonths(-1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ListPartition(month)}");
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                entries.Add(JsonColumns.Read<ChangeListEntry>(row));
                if (entries.Count >= max)
                {
                    break;
                }
            }
        }

        return entries;
    }

    /// <summary>The approved changes one of whose customers' windows closed by <paramref name="now"/> without an answer (<see cref="Windows"/>).</summary>
    public Task<IReadOnlyList<string>> WindowsClosedAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default) =>
        Windows.DueAsync(now, max, cancellationToken);

    /// <summary>The approved changes one of whose timers (effective time, notice deadline, cure reminder or end) came by <paramref name="now"/> (<see cref="Clocks"/>).</summary>
    public Task<IReadOnlyList<string>> ClocksDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default) =>
        Clocks.DueAsync(now, max, cancellationToken);

    /// <summary>
    /// Before a step's transaction: makes sure the change's timer row is due no later than the step's next state asks, so a
    /// crash after the commit (before the row is written from the committed state) cannot lose a timer. Too early is harmless:
    /// the sweep then finds nothing to do and writes the row again from the state.
    /// </summary>
    public async Task PrepareClockAsync(SubprocessorChangeState next, CancellationToken cancellationToken = default)
    {
        if (next.NextClockAt() is { } due)
        {
            await Clocks.SetNoLaterThanAsync(next.Id, due, cancellationToken);
        }
    }

    /// <summary>
    /// Records work a step owes (its fan-out, withdrawal notices, an objection receipt) as a timer of the <c>work</c> index, before the
    /// step's own transaction: a row whose step then lost its race finds nothing to do and is completed; a step committed but
    /// never dispatched (a crash) is found here by the sweep. The row goes when its work item is done.
    /// </summary>
    public Task RecordWorkAsync(ChangeWork work, DateTimeOffset redispatchAt, CancellationToken cancellationToken = default) =>
        Matters.RecordWorkAsync(new OwedWork(work.ChangeId, work.Kind, work.RowKey, MatterKind.SubprocessorChange, work.CustomerId, work.Sequence), redispatchAt, cancellationToken);

    /// <summary>The owed work whose dispatch is overdue: the <c>work</c> index's due buckets.</summary>
    public async Task<IReadOnlyList<ChangeWork>> OverdueWorkAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default) =>
        [.. (await Matters.OverdueWorkAsync(now, max, cancellationToken)).Select(w => new ChangeWork(w.MatterId, w.Kind, w.RowKey, w.CustomerId, w.Sequence))];

    public Task PostponeWorkAsync(string rowKey, DateTimeOffset redispatchAt, CancellationToken cancellationToken = default) =>
        Matters.PostponeWorkAsync(rowKey, redispatchAt, cancellationToken);

    public Task CompleteWorkAsync(string rowKey, CancellationToken cancellationToken = default) => Matters.CompleteWorkAsync(rowKey, cancellationToken);

    /// <summary>Writes the change's list row again from its state (when a step found nothing to do for a stale row).</summary>
    public Task RefreshListRowAsync(SubprocessorChangeState state, CancellationToken cancellationToken = default) => WriteListRowAsync(state, cancellationToken);

    private async Task WriteListRowAsync(SubprocessorChangeState state, CancellationToken cancellationToken)
    {
        if (state.Change is not { } change)
        {
            return;
        }

        var newestFirst = (DateTimeOffset.MaxValue.UtcTicks - state.AnnouncedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        var row = new TableEntity(ListPartition(state.AnnouncedAt), $"{newestFirst}|{state.Id}")
        {
            ["Status"] = state.Status.ToString(),
            ["Version"] = state.Version,
        };
        JsonColumns.Write(row, new ChangeListEntry(
            state.Id, state.Status, change.Kind, change.Subprocessor, change.Replaces, change.EffectiveAt, state.AnnouncedAt, state.Windows.Count, state.TookEffectAt));
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);

        // A change awaiting its decision keeps a clock its announcement prepared; every other state sets both from itself.
        if (NextCloseAt(state) is not null || state.Status != ChangeStatus.AwaitingDecision)
        {
            await Windows.SetAsync(state.Id, NextCloseAt(state), cancellationToken);
        }

        if (state.NextClockAt() is not null || state.Status != ChangeStatus.AwaitingDecision)
        {
            await Clocks.SetAsync(state.Id, state.NextClockAt(), cancellationToken);
        }
    }

    /// <summary>Whether the privacy team's alert about the event at <paramref name="sequence"/> was sent (its row in the change's partition).</summary>
    public async Task<bool> AlertSentAsync(string changeId, int sequence, CancellationToken cancellationToken = default) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(changeId, AlertKey(changeId, sequence), select: ["RowKey"], cancellationToken: cancellationToken)).HasValue;

    public async Task MarkAlertSentAsync(string changeId, int sequence, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await Table.UpsertEntityAsync(new TableEntity(changeId, AlertKey(changeId, sequence)) { ["SentAt"] = at }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>One worker's turn to mail alert <paramref name="sequence"/> (<see cref="MatterTable{TState, TEvent}.TryLeaseAsync"/>).</summary>
    public Task<bool> TryLeaseAlertAsync(string changeId, int sequence, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Matters.TryLeaseAsync(changeId, $"alert|{sequence:D8}", now, now + MatterTable<SubprocessorChangeState, SubprocessorChangeEvent>.MailLease, cancellationToken);

    private static string AlertKey(string changeId, int sequence) => $"alert|{changeId}|{sequence:D8}";

    /// <summary>One event of the change's history (a point read), or null.</summary>
    public Task<SubprocessorChangeEvent?> EventAsync(string changeId, int sequence, CancellationToken cancellationToken = default) =>
        Matters.EventAsync(changeId, sequence, cancellationToken);

    /// <summary>When the next window of an approved change closes for a customer who neither objected nor consented.</summary>
    private static DateTimeOffset? NextCloseAt(SubprocessorChangeState state) =>
        state.Status != ChangeStatus.Approved ? null
        : state.Windows.Where(w => state.ConsentOf(w.CustomerId) is null && state.ObjectionOf(w.CustomerId) is null)
            .Select(w => (DateTimeOffset?)w.ObjectByAt).Min();

    private static string ListPartition(DateTimeOffset at) => ListPartitionPrefix + at.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);
}
