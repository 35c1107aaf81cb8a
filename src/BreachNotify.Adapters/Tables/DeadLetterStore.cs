using Azure.Data.Tables;

namespace BreachNotify.Adapters.Tables;

/// <summary>Messages that kept failing, with the error, so the incident can show them and an operator can re-drive them.</summary>
public sealed class DeadLetterStore(StorageClients clients, TimeProvider time)
{
    public async Task AddAsync(string messageId, string? incidentId, string body, int dequeueCount, string error, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity("deadletter", messageId)
        {
            ["IncidentId"] = incidentId,
            ["Body"] = body,
            ["DequeueCount"] = dequeueCount,
            ["Error"] = error.Length > 4000 ? error[..4000] : error,
            ["DeadLetteredAt"] = time.GetUtcNow(),
        };
        await clients.DeadLetters.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string? incidentId = null, CancellationToken cancellationToken = default)
    {
        var filter = incidentId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {"deadletter"}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {"deadletter"} and IncidentId eq {incidentId}");
        var letters = new List<DeadLetter>();
        await foreach (var row in clients.DeadLetters.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            letters.Add(new DeadLetter(row.RowKey, row.GetString("IncidentId"), row.GetString("Body") ?? "", row.GetInt32("DequeueCount") ?? 0,
                row.GetString("Error") ?? "", row.GetDateTimeOffset("DeadLetteredAt") ?? default));
        }

        return letters;
    }

    public async Task<DeadLetter?> GetAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var found = await clients.DeadLetters.GetEntityIfExistsAsync<TableEntity>("deadletter", messageId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row
            ? new DeadLetter(row.RowKey, row.GetString("IncidentId"), row.GetString("Body") ?? "", row.GetInt32("DequeueCount") ?? 0,
                row.GetString("Error") ?? "", row.GetDateTimeOffset("DeadLetteredAt") ?? default)
            : null;
    }

    public async Task RemoveAsync(string messageId, CancellationToken cancellationToken = default) =>
        await clients.DeadLetters.DeleteEntityAsync("deadletter", messageId, cancellationToken: cancellationToken);
}
