using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// One timer per matter (a change's next window to close, its next clock, a notice's prohibition check), indexed by when it
/// is due: a partition per ten-minute bucket of the due time (<c>{name}|yyyyMMddHHmm</c>) holds a row per matter due in it,
/// and the matter's own partition a pointer row (<c>timer|{name}</c>) saying which bucket that is. Finding what is due reads
/// the buckets up to now, one partition at a time, never the timers set for later (Azure's table design guide: no
/// partition that every timer of every matter shares).
/// </summary>
/// <remarks>
/// The bucket row and the pointer are in different partitions, so no transaction spans them: a move writes the new bucket
/// row, then the pointer, then deletes the old bucket row. A crash or a racing writer can leave a bucket row the pointer does
/// not name; <see cref="DueAsync"/> deletes such a row when it comes due instead of returning it. Rows of the single partitions
/// this replaced (<c>windows</c>, <c>clocks</c>, <c>prohibitions</c>) are not read.
/// </remarks>
public sealed class MatterTimerIndex(TableClient table, string name)
{
    private const int BucketMinutes = 10;
    private const string DueColumn = "DueAt";
    private const string BucketColumn = "Bucket";

    private string Prefix => name + "|";

    private string PointerKey => $"timer|{name}";

    /// <summary>The bucket partition of a timer due at <paramref name="dueAt"/>.</summary>
    public string Bucket(DateTimeOffset dueAt)
    {
        var at = dueAt.UtcDateTime;
        var floored = new DateTime(at.Year, at.Month, at.Day, at.Hour, at.Minute / BucketMinutes * BucketMinutes, 0, DateTimeKind.Utc);
        return Prefix + floored.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
    }

    /// <summary>When the matter's timer is due, or null when none is set (a point read of its pointer).</summary>
    public async Task<DateTimeOffset?> DueAtAsync(string id, CancellationToken cancellationToken = default) =>
        (await PointerAsync(id, cancellationToken))?.GetDateTimeOffset(DueColumn);

    /// <summary>Sets the matter's timer to <paramref name="dueAt"/>, or removes it (null).</summary>
    public async Task SetAsync(string id, DateTimeOffset? dueAt, CancellationToken cancellationToken = default) =>
        await SetAsync(id, dueAt, await PointerAsync(id, cancellationToken), cancellationToken);

    /// <summary>Makes the timer due no later than <paramref name="dueAt"/> (sooner is harmless: it finds nothing to do and is set again).</summary>
    public async Task SetNoLaterThanAsync(string id, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        var pointer = await PointerAsync(id, cancellationToken);
        if (pointer?.GetDateTimeOffset(DueColumn) is { } at && at <= dueAt)
        {
            return;
        }

        await SetAsync(id, dueAt, pointer, cancellationToken);
    }

    /// <summary>
    /// The matters whose timer is due by <paramref name="now"/>, oldest bucket first, at most <paramref name="max"/>: a seek to the
    /// next bucket up to now's, a query of that bucket alone, and so on. The caller acts and sets or removes each timer.
    /// </summary>
    public async Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var last = Bucket(now);
        var due = new List<string>();
        string? after = null;
        while (due.Count < max && await NextBucketAsync(after, last, cancellationToken) is { } bucket)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bucket} and DueAt le {now}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: max, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                if ((await PointerAsync(row.RowKey, cancellationToken))?.GetString(BucketColumn) == bucket)
                {
                    due.Add(row.RowKey);
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

    private async Task SetAsync(string id, DateTimeOffset? dueAt, TableEntity? pointer, CancellationToken cancellationToken)
    {
        var old = pointer?.GetString(BucketColumn);
        if (dueAt is not { } at)
        {
            if (pointer is null)
            {
                return;
            }

            await DeleteAsync(id, PointerKey, cancellationToken);
            await DeleteAsync(old!, id, cancellationToken);
            return;
        }

        if (pointer?.GetDateTimeOffset(DueColumn) == at)
        {
            return;
        }

        var bucket = Bucket(at);
        await table.UpsertEntityAsync(new TableEntity(bucket, id) { [DueColumn] = at }, TableUpdateMode.Replace, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(id, PointerKey) { [DueColumn] = at, [BucketColumn] = bucket }, TableUpdateMode.Replace, cancellationToken);
        if (old is not null && old != bucket)
        {
            await DeleteAsync(old, id, cancellationToken);
        }
    }

    private async Task<TableEntity?> PointerAsync(string id, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(id, PointerKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private async Task<string?> NextBucketAsync(string? after, string last, CancellationToken cancellationToken)
    {
        // A range over bucket partitions bounded by now: it reads the first row at or after the start, not the buckets between.
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey ge {Prefix} and PartitionKey le {last}")
            : TableClient.CreateQueryFilter($"PartitionKey gt {after} and PartitionKey le {last}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            return row.PartitionKey;
        }

        return null;
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
