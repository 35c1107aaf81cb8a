using Azure.Data.Tables;

namespace BreachNotify.Functions.Storage;

/// <summary>
/// The rows of one incident's partition: its state, its history (one row per event, by sequence), its outbox
/// (commands not yet completed) and its notices. One partition, so one transaction can span them.
/// </summary>
internal static class RowKeys
{
    public const string State = "state";

    public static string History(int sequence) => $"h-{sequence:D8}";

    public static string Outbox(int version, int index) => $"o-{version:D8}-{index:D2}";

    public static string Notice(string noticeId) => $"n-{noticeId}";

    public static string NoticeIdOf(string rowKey) => rowKey[2..];

    /// <summary>A filter for the rows whose key starts with <paramref name="prefix"/> (for example "h-").</summary>
    public static string PrefixFilter(string partitionKey, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {Successor(prefix)}");

    public static string RangeFilter(string partitionKey, string fromInclusive, string toExclusive) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {fromInclusive} and RowKey lt {toExclusive}");

    private static string Successor(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
