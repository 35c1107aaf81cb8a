
namespace BreachNotify.Functions.Tests.Adapters.Tables;

/// <summary>
/// Azurite finds entities by RowKey alone: a key two incidents share makes every write scan both. Each key carries its
/// incident, and each kind's prefix still finds that kind across partitions and within one.
/// </summary>
public sealed class RowKeysTests
{
    private const string A = "inc-00000000000000000001";
    private const string B = "inc-00000000000000000002";

    [Fact]
    public void EveryKindOfRow_HasADifferentKeyInEachIncident()
    {
        string[] KeysOf(string id) => [RowKeys.State(id), RowKeys.History(id, 0), RowKeys.Outbox(id, 1, 0), RowKeys.Notice(id, "000001"), RowKeys.Alias(id)];

        Assert.Empty(KeysOf(A).Intersect(KeysOf(B)));
        Assert.Equal(5, KeysOf(A).Distinct().Count());
    }

    [Fact]
    public void KeysSortByKindThenIncidentThenSequence_AndANoticeIdReadsBack()
    {
        Assert.StartsWith(RowKeys.Prefix(RowKeys.HistoryKind, A), RowKeys.History(A, 7));
        Assert.True(string.CompareOrdinal(RowKeys.History(A, 9), RowKeys.History(A, 10)) < 0);
        Assert.True(string.CompareOrdinal(RowKeys.Outbox(A, 3, 1), RowKeys.Outbox(B, 0, 0)) < 0);
        Assert.Equal("000042", RowKeys.NoticeIdOf(RowKeys.Notice(A, "000042")));
    }
}
