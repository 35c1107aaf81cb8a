using Azure;
using Azure.Data.Tables;
using BreachNotify.Incidents;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// An incident's state, history and outbox in its own partition. Every change is all or nothing, guarded by the
/// state row's ETag: the step that creates an incident is one entity (its events and outbox entries ride on the state
/// row as an <see cref="UnfiledStep"/>); every later step is one entity-group transaction of the new state, the new
/// history rows and the new outbox rows, and files the creating step's rows with them.
/// </summary>
/// <remarks>
/// What the outbox sweep must find if no handler completes it (every outbox row, and a creation's unfiled step) is
/// indexed in the <see cref="PendingWorkIndex"/> before the write that creates it, so the sweep never scans incidents.
/// </remarks>
public sealed class IncidentStore(StorageClients clients, TimeProvider time)
{
    /// <summary>Table Storage caps an entity at 1 MiB (UTF-16): beyond this many JSON characters a creation is a transaction.</summary>
    internal const int MaxOneRowChars = 200_000;

    private const string UnfiledPrefix = "Unfiled";

    private readonly PendingWorkIndex pending = new(clients);
    private readonly IncidentRegister register = new(clients);

    private TableClient Table => clients.Incidents;

    public async Task<StoredIncident?> LoadAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(incidentId, RowKeys.State(incidentId), cancellationToken: cancellationToken);
        return response.HasValue ? Stored(response.Value!) : null;
    }

    /// <summary>Writes the step; false when another writer got there first (the caller reloads and decides again).</summary>
    public async Task<bool> CommitAsync(
        StoredIncident? current, IncidentState next, IReadOnlyList<IncidentEvent> events, IReadOnlyList<OutboxEntry> outbox, CancellationToken cancellationToken = default)
    {
        var stateRow = StateRow(next, out var stateChars);
        if (current is null && events.Count + outbox.Count > 0)
        {
            var unfiled = new UnfiledStep(0, events, outbox);
            if (stateChars + JsonColumns.Write(stateRow, unfiled, UnfiledPrefix) <= MaxOneRowChars)
            {
                // When the sweep files the step if no write of the incident did (a crash before the dispatch, a lost message).
                var now = time.GetUtcNow();
                var fileBy = outbox.Count > 0 ? outbox.Min(o => o.RedispatchAt) : now;
                await pending.AddAsync([new PendingWork(next.Id, RowKeys.State(next.Id), fileBy)], now, cancellationToken);
                try
                {
                    await Table.AddEntityAsync(stateRow, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    return false;
                }

                await WriteRegisterAsync(next, created: true, cancellationToken);
                return true;
            }

            stateRow = StateRow(next, out _);
        }

        var actions = new List<TableTransactionAction>
        {
            current is null
                ? new TableTransactionAction(TableTransactionActionType.Add, stateRow)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, stateRow, current.ETag),
        };
        if (current?.Unfiled is { } earlier)
        {
            actions.AddRange(HistoryRows(next.Id, earlier.FirstSequence, earlier.Events));
            actions.AddRange(OutboxRows(next.Id, earlier.Outbox));
        }

        actions.AddRange(HistoryRows(next.Id, current?.State.Version ?? 0, events));
        actions.AddRange(OutboxRows(next.Id, outbox));

        // The index first: a crash between the two leaves index rows whose target is missing, which the sweep drops.
        var indexed = (current?.Unfiled?.Outbox ?? []).Concat(outbox).Select(PendingWork.Of).ToList();
        if (indexed.Count > 0)
        {
            await pending.AddAsync(indexed, time.GetUtcNow(), cancellationToken);
        }

        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }

        await WriteRegisterAsync(next, created: current is null, cancellationToken);
        return true;
    }

    /// <summary>The step is committed: failing now would invite a retry of a step already taken, so a failed row waits for its repair.</summary>
    private async Task WriteRegisterAsync(IncidentState next, bool created, CancellationToken cancellationToken)
    {
        try
        {
            await register.WriteAsync(next, created, cancellationToken);
        }
        catch (RequestFailedException)
        {
            // The incident's next step, or the next read of it, writes the row again (see IncidentRegister).
        }
    }

    /// <summary>
    /// Files the unfiled steps the index says are due (<paramref name="due"/>, rows of <see cref="PendingWorkIndex"/>):
    /// the creation was committed but nothing has written the incident since (a crash before the dispatch, or a lost
    /// message). Its outbox rows are then indexed and the sweep's to send. Drops the index rows that are done (filed,
    /// or whose creation never committed). Returns how many were filed.
    /// </summary>
    public async Task<int> FileOverdueAsync(IEnumerable<PendingWorkRow> due, CancellationToken cancellationToken = default)
    {
        var filed = 0;
        foreach (var row in due.Where(r => r.IsUnfiledCreation))
        {
            var stored = await LoadAsync(row.IncidentId, cancellationToken);
            // A lost race means another write of the incident filed the step.
            if (stored?.Unfiled is not null && await CommitAsync(stored, stored.State, [], [], cancellationToken))
            {
                filed++;
            }

            await pending.RemoveAsync(row, cancellationToken);
        }

        return filed;
    }

    /// <summary>The incident's events in order: its history rows, then those still on the state row.</summary>
    public async Task<IReadOnlyList<IncidentEvent>> HistoryAsync(StoredIncident stored, CancellationToken cancellationToken = default)
    {
        var events = new List<IncidentEvent>();
        await foreach (var row in Table.QueryAsync<TableEntity>(RowKeys.KindFilter(stored.State.Id, RowKeys.HistoryKind), cancellationToken: cancellationToken))
        {
            events.Add(JsonColumns.Read<IncidentEvent>(row));
        }

        events.AddRange(stored.Unfiled?.Events ?? []);
        return events;
    }

    private static StoredIncident Stored(TableEntity row) =>
        new(JsonColumns.Read<IncidentState>(row), row.ETag, JsonColumns.Has(row, UnfiledPrefix) ? JsonColumns.Read<UnfiledStep>(row, UnfiledPrefix) : null);

    private TableEntity StateRow(IncidentState next, out int jsonChars)
    {
        var row = new TableEntity(next.Id, RowKeys.State(next.Id))
        {
            ["Status"] = next.Status.ToString(),
            ["Verdict"] = next.Classification?.Verdict.ToString(),
            ["AwareAt"] = next.AwareAt,
            ["EarliestDueAt"] = next.EarliestDueAt,
            ["Version"] = next.Version,
            ["UpdatedAt"] = time.GetUtcNow(),
        };
        jsonChars = JsonColumns.Write(row, next);
        return row;
    }

    private static IEnumerable<TableTransactionAction> HistoryRows(string incidentId, int firstSequence, IEnumerable<IncidentEvent> events) =>
        events.Select((e, i) =>
        {
            var row = new TableEntity(incidentId, RowKeys.History(incidentId, firstSequence + i))
            {
                ["Kind"] = e.Kind,
                ["At"] = e.At,
                ["Actor"] = e.Actor,
                ["Detail"] = e.Describe(),
            };
            JsonColumns.Write<IncidentEvent>(row, e);
            return new TableTransactionAction(TableTransactionActionType.Add, row);
        });

    private static IEnumerable<TableTransactionAction> OutboxRows(string incidentId, IEnumerable<OutboxEntry> outbox) =>
        outbox.Select(entry =>
        {
            var row = new TableEntity(incidentId, entry.RowKey) { ["RedispatchAt"] = entry.RedispatchAt };
            JsonColumns.Write(row, entry.Command);
            return new TableTransactionAction(TableTransactionActionType.Add, row);
        });
}
