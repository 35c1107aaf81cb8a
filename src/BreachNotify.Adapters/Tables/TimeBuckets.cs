using System.Globalization;
using Azure.Data.Tables;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// Partitions per ten-minute bucket of a due time (<c>{prefix}yyyyMMddHHmm</c>), as the pending-work index and the matter
/// timers keep them: what is due is read bucket by bucket up to now's, each found with one bounded seek.
/// </summary>
internal static class TimeBuckets
{
    private const int Minutes = 10;

    public static string Of(string prefix, DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var floored = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute / Minutes * Minutes, 0, DateTimeKind.Utc);
        return prefix + floored.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
    }

    /// <summary>The first non-empty bucket after <paramref name="after"/> (from the first, when null) up to <paramref name="last"/>, or null.</summary>
    public static async Task<string?> NextAsync(TableClient table, string prefix, string? after, string last, CancellationToken cancellationToken)
    {
        // A range over bucket partitions bounded by now: it reads the first row at or after the start, not the buckets between.
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey le {last}")
            : TableClient.CreateQueryFilter($"PartitionKey gt {after} and PartitionKey le {last}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            return row.PartitionKey;
        }

        return null;
    }
}
