using Azure;
using Azure.Data.Tables;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// Timers indexed by when they are due (a change's next window to close, its next clock, a notice's prohibition check: one
/// per matter; or the work a matter's step owes: one per step): a partition per ten-minute bucket of the due time
/// (<c>{name}|yyyyMMddHHmm</c>) holds a row per timer due in it, keyed by the timer's key, and the matter's own partition a
/// pointer row (by default <c>timer|{name}</c>, see <paramref name="pointerOf"/>) saying which bucket that is, with the
/// timer's payload. Finding what is due reads the buckets up to now, one partition at a time, never the timers set for
/// later (Azure's table design guide: no partition that every timer of every matter shares).
/// </summary>
/// <param name="pointerOf">Where a timer's pointer row is, from its key (by default: the key is the matter id, one timer per matter).</param>
/// <remarks>
/// The bucket row and the pointer are in different partitions, so no transaction spans them: a move writes the new bucket
/// row, then the pointer, then deletes the old bucket row. A crash or a racing writer can leave a bucket row the pointer does
/// not name; <see cref="DueAsync"/> deletes such a row when it comes due instead of returning it. Rows of the single partitions
/// this replaced (<c>windows</c>, <c>clocks</c>, <c>prohibitions</c>) are not read.
/// </remarks>
public sealed class MatterTimerIndex(TableClient table, string name, Func<string, (string Partition, string RowKey)>? pointerOf = null)
{
    private const string DueColumn = "DueAt";
    private const string BucketColumn = "Bucket";

    private string Prefix => name + "|";

    private (string Partition, string RowKey) PointerOf(string key) => pointerOf?.Invoke(key) ?? (key, $"timer|{name}");

    /// <summary>The bucket partition of a timer due at <paramref name="dueAt"/>.</summary>
    public string Bucket(DateTimeOffset dueAt) => TimeBuckets.Of(Prefix, dueAt);

    /// <summary>When the timer is due, or null when none is set (a point read of its pointer).</summary>
    public async Task<DateTimeOffset?> DueAtAsync(string id, CancellationToken cancellationToken = default) =>
        (await PointerAsync(id, cancellationToken))?.GetDateTimeOffset(DueColumn);

    /// <summary>Sets the timer to <paramref name="dueAt"/>, or removes it (null); <paramref name="payload"/> goes on its pointer.</summary>
    public async Task SetAsync(string id, DateTimeOffset? dueAt, CancellationToken cancellationToken = default) =>
        await SetAsync(id, dueAt, await PointerAsync(id, cancellationToken), null, cancellationToken);

    /// <summary>Sets the timer with its payload (the columns the caller reads back from <see cref="DuePointersAsync"/>).</summary>
    public async Task SetAsync(string id, DateTimeOffset dueAt, IReadOnlyDictionary<string, object?> payload, CancellationToken cancellationToken = default) =>
        await SetAsync(id, dueAt, await PointerAsync(id, cancellationToken), payload, cancellationToken);

    /// <summary>
    /// Moves a timer that is set to <paramref name="dueAt"/>, keeping its payload; one that is not set stays unset. The pointer
    /// is written under the ETag it was read with: a timer removed meanwhile (work completed) is not brought back without its
    /// payload, and the bucket row this wrote is then one the pointer does not name, dropped when it comes due.
    /// </summary>
    public async Task MoveIfSetAsync(string id, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        if (await PointerAsync(id, cancellationToken) is not { } pointer || pointer.GetDateTimeOffset(DueColumn) == dueAt)
        {
            return;
        }

        var old = pointer.GetString(BucketColumn);
        var bucket = Bucket(dueAt);
        await table.UpsertEntityAsync(new TableEntity(bucket, id) { [DueColumn] = dueAt }, TableUpdateMode.Replace, cancellationToken);
        try
        {
            await table.UpdateEntityAsync(
                new TableEntity(pointer.PartitionKey, pointer.RowKey) { [DueColumn] = dueAt, [BucketColumn] = bucket }, pointer.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return; // removed or set again by another writer: theirs stands
        }

        if (old is not null && old != bucket)
        {
            await DeleteAsync(old, id, cancellationToken);
        }
    }

    /// <summary>Makes the timer due no later than <paramref name="dueAt"/> (sooner is harmless: it finds nothing to do and is set again).</summary>
    public async Task SetNoLaterThanAsync(string id, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        var pointer = await PointerAsync(id, cancellationToken);
        if (pointer?.GetDateTimeOffset(DueColumn) is { } at && at <= dueAt)
        {
            return;
        }

        await SetAsync(id, dueAt, pointer, null, cancellationToken);
    }

    /// <summary>
    /// The matters whose timer is due by <paramref name="now"/>, oldest bucket first, at most <paramref name="max"/>: a seek to the
    /// next bucket up to now's, a query of that bucket alone, and so on. The caller acts and sets or removes each timer.
    /// </summary>
    public async Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default) =>
        [.. (await DuePointersAsync(now, max, cancellationToken)).Select(d => d.Key)];

    /// <summary>As <see cref="DueAsync"/>, with each timer's pointer row (its payload).</summary>
    public async Task<IReadOnlyList<(string Key, TableEntity Pointer)>> DuePointersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var last = Bucket(now);
        var due = new List<(string Key, TableEntity Pointer)>();
        string? after = null;
        while (due.Count < max && await TimeBuckets.NextAsync(table, Prefix, after, last, cancellationToken) is { } bucket)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bucket} and DueAt le {now}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: max, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                if (await PointerAsync(row.RowKey, cancellationToken) is { } pointer && pointer.GetString(BucketColumn) == bucket)
                {
                    due.Add((row.RowKey, pointer));
                }
                else
                {
                    await DeleteAsync(bucket, row.RowKey, cancellationToken); // left behind by a move (a crash, a racing writer)
                }

                if (due.Count >= max)
                {
                    break;
                }
            }

            after = bucket;
        }

        return due;
    }

    private async Task SetAsync(string id, DateTimeOffset? dueAt, TableEntity? pointer, IReadOnlyDictionary<string, object?>? payload, CancellationToken cancellationToken)
    {
        var old = pointer?.GetString(BucketColumn);
        if (dueAt is not { } at)
        {
            if (pointer is null)
            {
                return;
            }

            var (partition, rowKey) = PointerOf(id);
            await DeleteAsync(partition, rowKey, cancellationToken);
            await DeleteAsync(old!, id, cancellationToken);
            return;
        }

        if (pointer?.GetDateTimeOffset(DueColumn) == at && payload is null)
        {
            return;
        }

        var bucket = Bucket(at);
        await table.UpsertEntityAsync(new TableEntity(bucket, id) { [DueColumn] = at }, TableUpdateMode.Replace, cancellationToken);
        var (pointerPartition, pointerKey) = PointerOf(id);
        var row = new TableEntity(pointerPartition, pointerKey) { [DueColumn] = at, [BucketColumn] = bucket };
        foreach (var (column, value) in payload ?? new Dictionary<string, object?>())
        {
            row[column] = value;
        }

        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        if (old is not null && old != bucket)
        {
            await DeleteAsync(old, id, cancellationToken);
        }
    }

    private async Task<TableEntity?> PointerAsync(string id, CancellationToken cancellationToken)
    {
        var (partition, rowKey) = PointerOf(id);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private async Task DeleteAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Gone already.
        }
    }
}
