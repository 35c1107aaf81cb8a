using Azure.Data.Tables;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// The rows of one incident's partition: its state, its history (one row per event, by sequence), its outbox
/// (commands not yet completed) and its notices. One partition, so one transaction can span them.
/// </summary>
/// <remarks>
/// Every key is "kind|incident|suffix": the kind first so one range finds a kind in a partition, the incident id
/// inside so no two partitions share a row key. Nothing queries a kind across partitions: the sweep reads the
/// <see cref="PendingWorkIndex"/>, the lists the <see cref="IncidentRegister"/>. Azurite looks entities up by
/// its RowKey index alone: with a shared key such as "state" every write scanned every incident (measured: a 3-row
/// transaction fell from 1,800/s to 110/s at 10,000 incidents; with unique keys it stays flat). Azure does not care.
/// </remarks>
internal static class RowKeys
{
    public const string StateKind = "state";
    public const string HistoryKind = "h";
    public const string OutboxKind = "o";
    public const string NoticeKind = "n";
    public const string AliasKind = "alias";
    public const string PhaseKind = "phase";

    public static string State(string incidentId) => $"{StateKind}|{incidentId}";

    public static string History(string incidentId, int sequence) => $"{HistoryKind}|{incidentId}|{sequence:D8}";

    public static string Outbox(string incidentId, int version, int index) => $"{OutboxKind}|{incidentId}|{version:D8}-{index:D2}";

    public static string Notice(string incidentId, string noticeId) => $"{NoticeKind}|{incidentId}|{noticeId}";

    /// <summary>The row that says a breach incident's phase has its notice rows (its recipients frozen).</summary>
    public static string Phase(string incidentId, int phase) => $"{PhaseKind}|{incidentId}|{phase:D4}";

    /// <summary>The row that sends a detection's own (derived) incident id to the incident it joined.</summary>
    public static string Alias(string derivedIncidentId) => $"{AliasKind}|{derivedIncidentId}";

    public static string NoticeIdOf(string rowKey) => rowKey[(rowKey.LastIndexOf('|') + 1)..];

    /// <summary>The prefix of every row of <paramref name="kind"/> in one incident's partition.</summary>
    public static string Prefix(string kind, string incidentId) => $"{kind}|{incidentId}|";

    /// <summary>A filter for one incident's rows of <paramref name="kind"/>.</summary>
    public static string KindFilter(string incidentId, string kind) => PrefixFilter(incidentId, Prefix(kind, incidentId));

    /// <summary>A filter for the rows whose key starts with <paramref name="prefix"/>.</summary>
    private static string PrefixFilter(string partitionKey, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {Successor(prefix)}");

    public static string RangeFilter(string partitionKey, string fromInclusive, string toExclusive) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {fromInclusive} and RowKey lt {toExclusive}");

    /// <summary>The rows after <paramref name="afterExclusive"/> and before <paramref name="toExclusive"/>.</summary>
    public static string RangeFilterAfter(string partitionKey, string afterExclusive, string toExclusive) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey gt {afterExclusive} and RowKey lt {toExclusive}");

    public static string Successor(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
