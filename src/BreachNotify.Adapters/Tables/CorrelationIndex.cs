using Azure;
using Azure.Data.Tables;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// Which incident each asset was last seen in (one row per asset), so a related detection within the window joins
/// that incident; and the alias rows that send a joined detection's resends to the incident it joined.
/// </summary>
/// <remarks>
/// Point reads and writes only: a range query per detection made Azurite scan the whole table each time (measured:
/// ingest with correlation on at 141-158 detections/s; by key, 344-548/s). Each asset has a partition of its own
/// (<c>asset|{id}</c>, the row keyed the same), so no one partition takes every detection's writes; rows written to
/// the single <c>correlation-assets</c> partition before are no longer read (they only join detections within the
/// correlation window, which has passed for them once this runs for a window).
/// </remarks>
public sealed class CorrelationIndex(StorageClients clients)
{
    private const int MaxConcurrentWrites = 8;


    private TableClient Table => clients.Incidents;

    /// <summary>The most recent incident that saw one of these assets at or after <paramref name="since"/>.</summary>
    public async Task<string?> FindAsync(IReadOnlyCollection<string> assetIds, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        (string IncidentId, DateTimeOffset AwareAt)? best = null;
        foreach (var assetId in assetIds)
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(AssetKey(assetId), AssetKey(assetId), cancellationToken: cancellationToken);
            if (row.HasValue && row.Value!.GetDateTimeOffset("AwareAt") is { } awareAt && awareAt >= since && (best is null || awareAt > best.Value.AwareAt))
            {
                best = (row.Value.GetString("IncidentId"), awareAt);
            }
        }

        return best?.IncidentId;
    }

    /// <summary>Points each asset at the incident (a partition per asset: one upsert each, a few at a time).</summary>
    public async Task AddAsync(string incidentId, IReadOnlyCollection<string> assetIds, DateTimeOffset awareAt, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in assetIds.Distinct(StringComparer.Ordinal).Chunk(MaxConcurrentWrites))
        {
            await Task.WhenAll(chunk.Select(a => Table.UpsertEntityAsync(
                new TableEntity(AssetKey(a), AssetKey(a)) { ["IncidentId"] = incidentId, ["AwareAt"] = awareAt }, TableUpdateMode.Replace, cancellationToken)));
        }
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

    /// <summary>The asset's partition and row key alike: unique, so Azurite's row-key index finds it at once too.</summary>
    internal static string AssetKey(string assetId) => $"asset|{assetId}";
}
