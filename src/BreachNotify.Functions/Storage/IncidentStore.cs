using Azure;
using Azure.Data.Tables;
using BreachNotify.Incidents;

namespace BreachNotify.Functions.Storage;

/// <summary>
/// An incident's state, history and outbox in its own partition. Every change is one entity-group transaction:
/// the new state (guarded by the old state's ETag), the new history rows and the new outbox rows, all or nothing.
/// </summary>
public sealed class IncidentStore(StorageClients clients, TimeProvider time)
{
    private TableClient Table => clients.Incidents;

    public async Task<StoredIncident?> LoadAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(incidentId, RowKeys.State(incidentId), cancellationToken: cancellationToken);
        return response.HasValue ? new StoredIncident(JsonColumns.Read<IncidentState>(response.Value!), response.Value!.ETag) : null;
    }

    /// <summary>Writes the step; false when another writer got there first (the caller reloads and decides again).</summary>
    public async Task<bool> CommitAsync(
        StoredIncident? current, IncidentState next, IReadOnlyList<IncidentEvent> events, IReadOnlyList<OutboxEntry> outbox, CancellationToken cancellationToken = default)
    {
        var stateRow = new TableEntity(next.Id, RowKeys.State(next.Id))
        {
            ["Status"] = next.Status.ToString(),
            ["Verdict"] = next.Classification?.Verdict.ToString(),
            ["AwareAt"] = next.AwareAt,
            ["EarliestDueAt"] = next.EarliestDueAt,
            ["Version"] = next.Version,
            ["UpdatedAt"] = time.GetUtcNow(),
        };
        JsonColumns.Write(stateRow, next);

        var actions = new List<TableTransactionAction>
        {
            current is null
                ? new TableTransactionAction(TableTransactionActionType.Add, stateRow)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, stateRow, current.ETag),
        };
        var sequence = current?.State.Version ?? 0;
        foreach (var e in events)
        {
            var row = new TableEntity(next.Id, RowKeys.History(next.Id, sequence++))
            {
                ["Kind"] = e.Kind,
                ["At"] = e.At,
                ["Actor"] = e.Actor,
                ["Detail"] = e.Describe(),
            };
            JsonColumns.Write<IncidentEvent>(row, e);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }

        foreach (var entry in outbox)
        {
            var row = new TableEntity(next.Id, entry.RowKey) { ["RedispatchAt"] = entry.RedispatchAt };
            JsonColumns.Write(row, entry.Command);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, row));
        }

        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<IncidentEvent>> HistoryAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var events = new List<IncidentEvent>();
        await foreach (var row in Table.QueryAsync<TableEntity>(RowKeys.KindFilter(incidentId, RowKeys.HistoryKind), cancellationToken: cancellationToken))
        {
            events.Add(JsonColumns.Read<IncidentEvent>(row));
        }

        return events;
    }

    /// <summary>Every incident's state (a cross-partition query on the state rows; fine at register scale).</summary>
    public async Task<IReadOnlyList<IncidentState>> ListAsync(CancellationToken cancellationToken = default)
    {
        var states = new List<IncidentState>();
        await foreach (var row in Table.QueryAsync<TableEntity>(RowKeys.KindAcrossPartitions(RowKeys.StateKind), cancellationToken: cancellationToken))
        {
            states.Add(JsonColumns.Read<IncidentState>(row));
        }

        return states;
    }
}
