using Azure.Data.Tables;
using BreachNotify.Incidents;

namespace BreachNotify.Functions.Storage;

/// <summary>The outbox rows of all incidents: completed by their handlers, re-dispatched by the sweep when overdue.</summary>
public sealed class OutboxStore(StorageClients clients)
{
    public async Task CompleteAsync(string incidentId, string rowKey, CancellationToken cancellationToken = default)
    {
        // A second completion (a redelivered message) finds nothing to delete, which is fine.
        await clients.Incidents.DeleteEntityAsync(incidentId, rowKey, cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxEntry>> OverdueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var filter = $"{RowKeys.KindAcrossPartitions(RowKeys.OutboxKind)} and {TableClient.CreateQueryFilter($"RedispatchAt le {now}")}";
        var entries = new List<OutboxEntry>();
        await foreach (var row in clients.Incidents.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: cancellationToken))
        {
            entries.Add(new OutboxEntry(row.PartitionKey, row.RowKey, JsonColumns.Read<WorkflowCommand>(row), row.GetDateTimeOffset("RedispatchAt") ?? now));
            if (entries.Count >= max)
            {
                break;
            }
        }

        return entries;
    }

    public async Task<IReadOnlyList<OutboxEntry>> PendingAsync(string incidentId, CancellationToken cancellationToken = default)
    {
        var entries = new List<OutboxEntry>();
        await foreach (var row in clients.Incidents.QueryAsync<TableEntity>(RowKeys.KindFilter(incidentId, RowKeys.OutboxKind), cancellationToken: cancellationToken))
        {
            entries.Add(new OutboxEntry(row.PartitionKey, row.RowKey, JsonColumns.Read<WorkflowCommand>(row), row.GetDateTimeOffset("RedispatchAt") ?? default));
        }

        return entries;
    }

    public async Task PostponeAsync(OutboxEntry entry, DateTimeOffset redispatchAt, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(entry.IncidentId, entry.RowKey) { ["RedispatchAt"] = redispatchAt };
        try
        {
            await clients.Incidents.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // Completed meanwhile.
        }
    }
}
