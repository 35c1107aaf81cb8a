using Azure;
using Azure.Data.Tables;

namespace BreachNotify.Functions.Storage;

/// <summary>
/// Which incident each asset was last seen in, so a related detection within the window joins that incident; and the
/// alias rows that send a joined detection's resends to the incident it joined.
/// </summary>
public sealed class CorrelationIndex(StorageClients clients)
{
    private const string AssetPartition = "correlation-assets";

    private TableClient Table => clients.Incidents;

    /// <summary>The most recent incident that saw one of these assets at or after <paramref name="since"/>.</summary>
    public async Task<string?> FindAsync(IReadOnlyCollection<string> assetIds, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        (string IncidentId, DateTimeOffset AwareAt)? best = null;
        foreach (var assetId in assetIds)
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {AssetPartition} and RowKey ge {assetId + "|"} and RowKey lt {assetId + "}"} and AwareAt ge {since}");
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                var awareAt = row.GetDateTimeOffset("AwareAt") ?? default;
                if (best is null || awareAt > best.Value.AwareAt)
                {
                    best = (row.GetString("IncidentId"), awareAt);
                }
            }
        }

        return best?.IncidentId;
    }

    /// <summary>Records the incident's assets, all in one transaction (one partition).</summary>
    public async Task AddAsync(string incidentId, IReadOnlyCollection<string> assetIds, DateTimeOffset awareAt, CancellationToken cancellationToken = default)
    {
        if (assetIds.Count == 0)
        {
            return;
        }

        await Table.SubmitTransactionAsync(
            assetIds.Select(a => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(AssetPartition, $"{a}|{incidentId}") { ["IncidentId"] = incidentId, ["AwareAt"] = awareAt })),
            cancellationToken);
    }

    /// <summary>The incident a detection's own id was joined to, if it was.</summary>
    public async Task<string?> AliasOfAsync(string derivedIncidentId, CancellationToken cancellationToken = default)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(derivedIncidentId, RowKeys.Alias(derivedIncidentId), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("IncidentId") : null;
    }

    /// <summary>Points the detection's own id at <paramref name="incidentId"/>; when another request got there first, its choice stands.</summary>
    public async Task<string> AliasAsync(string derivedIncidentId, string incidentId, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity(derivedIncidentId, RowKeys.Alias(derivedIncidentId)) { ["IncidentId"] = incidentId }, cancellationToken);
            return incidentId;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await AliasOfAsync(derivedIncidentId, cancellationToken) ?? incidentId;
        }
    }
}
