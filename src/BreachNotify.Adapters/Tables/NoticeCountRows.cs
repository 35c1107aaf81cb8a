using Azure.Data.Tables;
using BreachNotify.Notices;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// The count rows of a matter's notices, in the notices' own partition: one row per slice of 100 notices of one phase
/// (<c>count|{matter}|{phase:D4}|{slice:D8}</c>), one column per notice (<c>c00</c>..<c>c99</c>, its position in the
/// slice) holding its <see cref="NoticeCountFlags"/>. A notice's column is merged in by the same entity-group
/// transaction that creates the notice or changes its flags, so it cannot drift from the row; a merge names only its
/// notices' columns and carries no ETag, so writers of different notices of one slice never conflict on it (the
/// notices' own ETags still decide every race). The counts are then one range query of a row per 100 notices.
/// </summary>
/// <remarks>
/// The marker <c>counted|{matter}</c> says every notice row of the matter has its column: written by the first send
/// item when the matter has no notice row yet. A matter whose rows were created before this has no marker and is
/// counted by reading its rows.
/// </remarks>
internal static class NoticeCountRows
{
    public const string CountKind = "count";
    public const string CountedKind = "counted";

    /// <summary>Notices per count row (a storage batch at most: so a batch's notices share at most two rows).</summary>
    public const int SliceSize = NoticePlan.MaxBatchSize;

    /// <summary>The most actions one entity-group transaction may hold (Azure Table storage).</summary>
    public const int MaxActions = 100;

    public static string Marker(string partition) => $"{CountedKind}|{partition}";

    /// <summary>The count row that holds notice <paramref name="noticeId"/>'s column.</summary>
    public static string RowKey(string partition, string noticeId) =>
        $"{RowKeys.Prefix(CountKind, partition)}{NoticeId.PhaseOf(noticeId):D4}|{NoticeId.IndexOf(noticeId) / SliceSize:D8}";

    public static string Column(string noticeId) => $"c{NoticeId.IndexOf(noticeId) % SliceSize:D2}";

    public static bool IsColumn(string name) => name.Length == 3 && name[0] == 'c' && char.IsAsciiDigit(name[1]) && char.IsAsciiDigit(name[2]);

    public static NoticeCountFlags Of(Notice n) =>
        (n.Status is NoticeStatus.Pending or NoticeStatus.Sending ? NoticeCountFlags.Pending : NoticeCountFlags.None)
        | (n.SentAt is not null ? NoticeCountFlags.Sent : NoticeCountFlags.None)
        | (n.Status is NoticeStatus.Failed or NoticeStatus.Bounced ? NoticeCountFlags.Failed : NoticeCountFlags.None)
        | (n.AcknowledgedAt is not null ? NoticeCountFlags.Acknowledged : NoticeCountFlags.None)
        | (n.DeliveredAt is not null ? NoticeCountFlags.Delivered : NoticeCountFlags.None)
        | (n.Status is NoticeStatus.Bounced ? NoticeCountFlags.Bounced : NoticeCountFlags.None);

    /// <summary>The new flags when a step from <paramref name="before"/> to <paramref name="after"/> changes them, else null (no count row to write).</summary>
    public static NoticeCountFlags? Changed(Notice before, Notice after) => Of(before) is var was && Of(after) is var now && was != now ? now : null;

    /// <summary>The merges of these notices' flags into their count rows: one action per count row they fall in.</summary>
    public static IEnumerable<TableTransactionAction> Merges(string partition, IEnumerable<(string NoticeId, NoticeCountFlags Flags)> counted) =>
        counted.GroupBy(c => RowKey(partition, c.NoticeId), StringComparer.Ordinal).Select(g =>
        {
            var row = new TableEntity(partition, g.Key);
            foreach (var (noticeId, flags) in g)
            {
                row[Column(noticeId)] = (int)flags;
            }

            return new TableTransactionAction(TableTransactionActionType.UpsertMerge, row);
        });
}
