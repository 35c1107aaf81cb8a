using Azure;
using Azure.Data.Tables;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// The pending-work index the outbox sweep reads instead of scanning every incident: the table
/// <c>{prefix}pendingwork</c>, a partition per ten-minute bucket of when the work falls due (<c>pending|yyyyMMddHHmm</c>),
/// one row per outbox row (its row key) or per unfiled creation (the state row's key), with the incident and the due time.
/// </summary>
/// <remarks>
/// The index lives in other partitions than what it points at, so no transaction can span both: a writer adds the
/// index rows first and then commits, and the sweep deletes an index row whose target is gone or done (Azure's
/// "eventually consistent transactions" pattern, index first). A row is never written into a bucket before the
/// writer's present, so buckets in the past only ever lose rows, and the oldest non-empty one is where the table
/// begins: the sweep seeks to it with one bounded range read and then queries bucket by bucket up to now.
/// </remarks>
public sealed class PendingWorkIndex(StorageClients clients)
{
    internal const string BucketPrefix = "pending|";
    private const int MaxTransactionRows = 100;

    private TableClient Table => clients.PendingWork;

    /// <summary>The bucket of work due at <paramref name="dueAt"/>, written at <paramref name="now"/> (never before now's bucket).</summary>
    public static string Bucket(DateTimeOffset dueAt, DateTimeOffset now) => TimeBuckets.Of(BucketPrefix, dueAt > now ? dueAt : now);

    /// <summary>Indexes the work (one transaction per bucket and hundred rows; a repeat overwrites with the same row).</summary>
    public async Task AddAsync(IReadOnlyCollection<PendingWork> work, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var rows = work.Select(w => new TableEntity(Bucket(w.DueAt, now), w.TargetKey) { ["IncidentId"] = w.IncidentId, ["DueAt"] = w.DueAt }).ToList();
        if (rows.Count == 1)
        {
            await Table.UpsertEntityAsync(rows[0], TableUpdateMode.Replace, cancellationToken);
            return;
        }

        foreach (var bucket in rows.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in bucket.DistinctBy(r => r.RowKey).Chunk(MaxTransactionRows))
            {
                await Table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// The indexed work due by <paramref name="now"/>, oldest bucket first, at most <paramref name="max"/> rows: one
    /// seek to the next non-empty bucket up to now's, then a query of that bucket alone, and so on.
    /// </summary>
    public async Task<IReadOnlyList<PendingWorkRow>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var last = Bucket(now, now);
        var due = new List<PendingWorkRow>();
        string? after = null;
        while (due.Count < max && await TimeBuckets.NextAsync(Table, BucketPrefix, after, last, cancellationToken) is { } bucket)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bucket} and DueAt le {now}");
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: cancellationToken))
            {
                due.Add(new PendingWorkRow(row.PartitionKey, row.RowKey, row.GetString("IncidentId") ?? "", row.GetDateTimeOffset("DueAt") ?? now, row.ETag));
                if (due.Count >= max)
                {
                    break;
                }
            }

            after = bucket;
        }

        return due;
    }

    /// <summary>Removes the index row, unless it was written again since it was read (its ETag changed): then it stays.</summary>
    public async Task RemoveAsync(PendingWorkRow row, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.DeleteEntityAsync(row.Bucket, row.TargetKey, row.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Removed by another sweep, or indexed again for later work.
        }
    }
}
