using Azure.Data.Tables;
using BreachNotify.Incidents;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// The outbox rows of all incidents: completed by their handlers, re-dispatched by the sweep when overdue. The sweep
/// finds them through the <see cref="PendingWorkIndex"/>, by point reads in each incident's partition.
/// </summary>
public sealed class OutboxStore(StorageClients clients)
{
    private readonly PendingWorkIndex pending = new(clients);

    public async Task CompleteAsync(string incidentId, string rowKey, CancellationToken cancellationToken = default)
    {
        // A second completion (a redelivered message) finds nothing to delete, which is fine. Its index row stays
        // until the sweep finds the target gone: one delete on the hot path instead of two.
        await clients.Incidents.DeleteEntityAsync(incidentId, rowKey, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The outbox rows behind the index rows <paramref name="due"/> that are still there and overdue at <paramref name="now"/>.
    /// Index rows whose target is gone (completed, or never committed) are dropped; a target postponed meanwhile is
    /// indexed again at its new time.
    /// </summary>
    public async Task<IReadOnlyList<OverdueOutboxEntry>> OverdueAsync(IEnumerable<PendingWorkRow> due, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var entries = new List<OverdueOutboxEntry>();
        foreach (var index in due.Where(r => !r.IsUnfiledCreation))
        {
            var row = await clients.Incidents.GetEntityIfExistsAsync<TableEntity>(index.IncidentId, index.TargetKey, cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                await pending.RemoveAsync(index, cancellationToken);
                continue;
            }

            var entry = new OutboxEntry(index.IncidentId, index.TargetKey, JsonColumns.Read<WorkflowCommand>(row.Value!), row.Value!.GetDateTimeOffset("RedispatchAt") ?? now);
            if (entry.RedispatchAt > now)
            {
                await pending.AddAsync([PendingWork.Of(entry)], now, cancellationToken);
                await pending.RemoveAsync(index, cancellationToken);
                continue;
            }

            entries.Add(new OverdueOutboxEntry(entry, index));
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

    /// <summary>
    /// Moves an overdue entry's redispatch time to <paramref name="redispatchAt"/>: indexed there first, then the row, then
    /// the old index row goes (unless the new one took its place: same bucket, same key).
    /// </summary>
    public async Task PostponeAsync(OverdueOutboxEntry overdue, DateTimeOffset redispatchAt, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var entry = overdue.Entry;
        await pending.AddAsync([new PendingWork(entry.IncidentId, entry.RowKey, redispatchAt)], now, cancellationToken);
        var row = new TableEntity(entry.IncidentId, entry.RowKey) { ["RedispatchAt"] = redispatchAt };
        try
        {
            await clients.Incidents.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // Completed meanwhile: the new index row finds it gone and goes too.
        }

        await pending.RemoveAsync(overdue.Index, cancellationToken);
    }
}
