using BreachNotify.Functions.Incidents;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>The counts a matter's count rows give, held against the counts of its notice rows themselves.</summary>
public static class NoticeCountCheck
{
    /// <summary>
    /// Asserts the matter is counted by its count rows and that they give what streaming every notice row gives. Read
    /// again a few times while they differ (the two reads are not one snapshot while notices still move); a drift stays.
    /// </summary>
    public static async Task<NoticeCounts> AssertCountRowsMatchRowsAsync(NoticeStore store, string partition)
    {
        var ct = TestContext.Current.CancellationToken;
        NoticeCounts? fromCountRows = null, fromRows = null;
        for (var read = 0; read < 20; read++)
        {
            var byFlags = await store.CountByFlagsAsync(partition, ct);
            Assert.True(byFlags is not null, $"{partition} has no count-row marker: its counts would be read from every row");
            fromCountRows = NoticeCounting.Of(byFlags);
            fromRows = await NoticeCounting.OfAsync(store.ProgressAsync(partition, ct), ct);
            if (fromCountRows == fromRows)
            {
                return fromRows;
            }

            await Task.Delay(250, ct);
        }

        Assert.Equal(fromRows, fromCountRows);
        return fromRows!;
    }
}
