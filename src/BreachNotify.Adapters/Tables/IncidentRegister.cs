using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BreachNotify.Incidents;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// The register's projection of every incident: the table <c>{prefix}incidentregister</c>, a partition per month of
/// awareness (<c>month|yyyyMM</c>, which never changes), one small row per incident (its <see cref="IncidentSummary"/>
/// and the state's version), so the register, the queue and <c>GET /api/incidents</c> read a few month partitions
/// instead of every incident's state row.
/// </summary>
/// <remarks>
/// The row is written after each committed step (another table, so not in its transaction). It is idempotent and
/// never goes back: a write with a version not newer than the row's is dropped. It may lag when a crash falls between
/// the step and its row: the incident's next step (every new incident has one, the sweep files its creation) or a
/// read of the incident (<see cref="RepairAsync"/>) writes it again.
/// </remarks>
public sealed class IncidentRegister(StorageClients clients)
{
    internal const string MonthPrefix = "month|";
    private const int MaxAttempts = 5;

    private TableClient Table => clients.IncidentRegister;

    public static string Month(DateTimeOffset awareAt) => MonthPrefix + awareAt.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);

    /// <summary>Writes the incident's row unless the row already holds this version or a newer one.</summary>
    /// <param name="created">The step created the incident: no row can exist yet, so it is added without a read.</param>
    public async Task WriteAsync(IncidentState state, bool created, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(Month(state.AwareAt), state.Id) { ["Version"] = state.Version, ["Status"] = state.Status.ToString() };
        JsonColumns.Write(row, IncidentSummary.Of(state));
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            try
            {
                if (created && attempt == 0)
                {
                    await Table.AddEntityAsync(row, cancellationToken);
                    return;
                }

                var current = await Table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, select: ["Version"], cancellationToken: cancellationToken);
                if (!current.HasValue)
                {
                    await Table.AddEntityAsync(row, cancellationToken);
                    return;
                }

                if ((current.Value!.GetInt32("Version") ?? -1) >= state.Version)
                {
                    return;
                }

                await Table.UpdateEntityAsync(row, current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another writer of the same row got there first: read again and compare versions.
            }
        }
    }

    /// <summary>Writes the row again when it lags behind <paramref name="state"/> (or is missing): what a read of the incident does.</summary>
    public Task RepairAsync(IncidentState state, CancellationToken cancellationToken = default) => WriteAsync(state, created: false, cancellationToken);

    /// <summary>
    /// The incidents aware in [<paramref name="from"/>, <paramref name="to"/>) (unbounded when null): a seek to the next
    /// non-empty month partition in range, then a query of that partition alone, month by month.
    /// </summary>
    public async Task<IReadOnlyList<IncidentSummary>> ListAsync(DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default)
    {
        var first = from is { } f ? Month(f) : MonthPrefix;
        // The month partition of the last instant before "to" is the last that can hold one.
        var last = to is { } t ? Month(t.AddTicks(-1)) : MonthPrefix + "999999";
        var summaries = new List<IncidentSummary>();
        string? after = null;
        while (await NextMonthAsync(after, first, last, cancellationToken) is { } month)
        {
            await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {month}"), cancellationToken: cancellationToken))
            {
                var summary = JsonColumns.Read<IncidentSummary>(row);
                if ((from is null || summary.AwareAt >= from) && (to is null || summary.AwareAt < to))
                {
                    summaries.Add(summary);
                }
            }

            after = month;
        }

        return summaries;
    }

    private async Task<string?> NextMonthAsync(string? after, string first, string last, CancellationToken cancellationToken)
    {
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey ge {first} and PartitionKey le {last}")
            : TableClient.CreateQueryFilter($"PartitionKey gt {after} and PartitionKey le {last}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            return row.PartitionKey;
        }

        return null;
    }
}
