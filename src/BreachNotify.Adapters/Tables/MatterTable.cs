using Azure;
using Azure.Data.Tables;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// The storage every kind of matter shares, over one table: a partition per matter holding a state row (<c>state|id</c>)
/// and one history row per event (<c>h|id|seq</c>), each step one entity-group transaction guarded by the state row's
/// ETag; the owed work (timers of the <c>work</c> index, <see cref="MatterTimerIndex"/>) (recorded before a step's write, swept when no handler completed it);
/// and timer partitions (one row per matter with its next due time, one query to find what is due). The row keys are
/// the sub-processor changes' own, so that store uses this class on its table without migrating data.
/// </summary>
public sealed class MatterTable<TState, TEvent>(TableClient table, MatterKind kind)
    where TEvent : class, ITimelineEvent
{
    private const string StateKind = "state";
    private const string HistoryKind = "h";
    private const string WorkIndex = "work";

    public TableClient Table => table;

    public async Task<(TState State, ETag ETag)?> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(id, StateKey(id), cancellationToken: cancellationToken);
        return response.HasValue ? (JsonColumns.Read<TState>(response.Value!), response.Value!.ETag) : null;
    }

    /// <summary>
    /// Writes the state row (with <paramref name="columns"/> beside its JSON) and the events from sequence <paramref name="first"/>
    /// in one transaction; false when another writer got there first (the caller reloads and decides again).
    /// </summary>
    public async Task<bool> CommitAsync(
        string id, ETag? current, int first, TState next, IReadOnlyList<TEvent> events, IReadOnlyDictionary<string, object?> columns,
        CancellationToken cancellationToken = default)
    {
        var stateRow = new TableEntity(id, StateKey(id));
        foreach (var (name, value) in columns)
        {
            stateRow[name] = value;
        }

        JsonColumns.Write(stateRow, next);
        var actions = new List<TableTransactionAction>
        {
            current is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, stateRow, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, stateRow),
        };
        actions.AddRange(events.Select((e, i) =>
        {
            var row = new TableEntity(id, $"{HistoryKind}|{id}|{first + i:D8}")
            {
                ["Kind"] = e.Kind,
                ["At"] = e.At,
                ["Actor"] = e.Actor,
                ["Detail"] = e.Describe(),
            };
            JsonColumns.Write(row, e);
            return new TableTransactionAction(TableTransactionActionType.Add, row);
        }));

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<TEvent>> HistoryAsync(string id, CancellationToken cancellationToken = default)
    {
        var prefix = $"{HistoryKind}|{id}|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
        var events = new List<TEvent>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            events.Add(JsonColumns.Read<TEvent>(row));
        }

        return events;
    }

    /// <summary>How long one worker has to send a commanders' mail before another may: longer than a send with its retries.</summary>
    public static readonly TimeSpan MailLease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Takes the lease <paramref name="name"/> on matter <paramref name="id"/> until <paramref name="until"/>: true for the one
    /// caller that holds it (a new lease, or one whose holder let it run out, say by dying), false while another's runs.
    /// What it guards is done by one worker at a time, and by another only once the first had its time.
    /// </summary>
    public async Task<bool> TryLeaseAsync(string id, string name, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(id, "lease|" + name) { ["Until"] = until };
        try
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                await table.AddEntityAsync(row, cancellationToken);
                return true;
            }

            if (existing.Value!.GetDateTimeOffset("Until") is { } held && held > now)
            {
                return false;
            }

            await table.UpdateEntityAsync(row, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false; // another worker took it between the read and the write
        }
    }

    /// <summary>One event of the matter's history (a point read), or null.</summary>
    public async Task<TEvent?> EventAsync(string id, int sequence, CancellationToken cancellationToken = default)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(id, $"{HistoryKind}|{id}|{sequence:D8}", cancellationToken: cancellationToken);
        return row.HasValue ? JsonColumns.Read<TEvent>(row.Value!) : null;
    }

    /// <summary>
    /// Owed work: a timer per step's work (<see cref="MatterTimerIndex"/>, index <c>work</c>) due when it is to be dispatched again,
    /// its pointer in the matter's partition (<c>work|{rowKey}</c>) carrying what the work item needs.
    /// </summary>
    private MatterTimerIndex Work => new(table, WorkIndex, key => (key[..key.IndexOf('|', StringComparison.Ordinal)], $"{WorkIndex}|{key}"));

    public async Task RecordWorkAsync(OwedWork work, DateTimeOffset redispatchAt, CancellationToken cancellationToken = default) =>
        await Work.SetAsync(
            work.RowKey,
            redispatchAt,
            new Dictionary<string, object?>
            {
                ["ChangeId"] = work.MatterId,
                ["Kind"] = work.Kind.ToString(),
                ["CustomerId"] = work.CustomerId,
                ["Sequence"] = work.Sequence,
            },
            cancellationToken);

    /// <summary>The owed work whose dispatch is overdue: the work index's due buckets.</summary>
    public async Task<IReadOnlyList<OwedWork>> OverdueWorkAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var work = new List<OwedWork>();
        foreach (var (rowKey, row) in await Work.DuePointersAsync(now, max, cancellationToken))
        {
            if (Enum.TryParse<WorkItemKind>(row.GetString("Kind"), out var workKind))
            {
                work.Add(new OwedWork(row.GetString("ChangeId") ?? "", workKind, rowKey, kind, row.GetString("CustomerId"), row.GetInt32("Sequence") ?? 0));
            }
        }

        return work;
    }

    /// <summary>Dispatches the work again later (work completed meanwhile stays completed).</summary>
    public Task PostponeWorkAsync(string rowKey, DateTimeOffset redispatchAt, CancellationToken cancellationToken = default) =>
        Work.MoveIfSetAsync(rowKey, redispatchAt, cancellationToken);

    /// <summary>The work is done (a second completion, from a redelivered message, finds nothing).</summary>
    public Task CompleteWorkAsync(string rowKey, CancellationToken cancellationToken = default) => Work.SetAsync(rowKey, null, cancellationToken);

    /// <summary>Sets (or, with null, removes) a matter's timer in the index <paramref name="index"/> (<see cref="MatterTimerIndex"/>).</summary>
    public Task SetTimerAsync(string index, string id, DateTimeOffset? dueAt, CancellationToken cancellationToken = default) =>
        new MatterTimerIndex(table, index).SetAsync(id, dueAt, cancellationToken);

    /// <summary>The matters whose timer in <paramref name="index"/> is due by <paramref name="now"/>: the due buckets' partitions only.</summary>
    public Task<IReadOnlyList<string>> DueTimersAsync(string index, DateTimeOffset now, int max, CancellationToken cancellationToken = default) =>
        new MatterTimerIndex(table, index).DueAsync(now, max, cancellationToken);

    private static string StateKey(string id) => $"{StateKind}|{id}";
}
