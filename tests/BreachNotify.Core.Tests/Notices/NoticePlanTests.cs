using BreachNotify.Notices;
using BreachNotify.Parties;

namespace BreachNotify.Tests.Notices;

public sealed class NoticePlanTests
{
    private static readonly DateTimeOffset Due = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static List<Recipient> Recipients(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Recipient(PartyKind.Customer, $"c{i / 2}", $"Customer {i / 2}", i % 2, $"Contact {i}", $"c{i}@example.com", "en", Due))];

    [Fact]
    public void For_250RecipientsInBatchesOf100_GivesThreeBatchesAndIdsN00000ToN00249()
    {
        var recipients = Recipients(250);

        var plan = NoticePlan.For(recipients, 100);

        Assert.Equal(3, plan.BatchCount);
        Assert.Equal(250, plan.Notices.Count);
        Assert.Equal("n00000", plan.Notices[0].NoticeId);
        Assert.Equal("n00249", plan.Notices[^1].NoticeId);
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"n{i:D5}"), plan.Notices.Select(n => n.NoticeId));
        Assert.Equal([100, 100, 50], Enumerable.Range(0, plan.BatchCount).Select(b => plan.Batch(b).Count()));
        Assert.All(Enumerable.Range(0, plan.BatchCount), b => Assert.All(plan.Batch(b), n => Assert.Equal(b, n.Batch)));
        Assert.Equal(recipients, plan.Notices.Select(n => n.Recipient));
    }

    [Fact]
    public void For_SameRecipientsTwice_GivesTheSamePlan()
    {
        var first = NoticePlan.For(Recipients(250), 100);
        var second = NoticePlan.For(Recipients(250), 100);

        Assert.Equal(first.Notices, second.Notices);
        Assert.Equal(first.BatchCount, second.BatchCount);
    }

    [Theory]
    [InlineData(1000, 100, 3)]
    [InlineData(0, 1, 250)]
    [InlineData(-5, 1, 250)]
    [InlineData(100, 100, 3)]
    [InlineData(50, 50, 5)]
    public void For_BatchSizeOutsideTheTransactionLimit_IsClamped(int requested, int size, int batches)
    {
        var plan = NoticePlan.For(Recipients(250), requested);

        Assert.Equal(size, plan.BatchSize);
        Assert.Equal(batches, plan.BatchCount);
    }

    [Fact]
    public void For_NoRecipients_HasNoBatches()
    {
        Assert.Equal(0, NoticePlan.For([], 100).BatchCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(249)]
    [InlineData(99_999)]
    public void NoticeId_RoundTripsItsIndex(int index)
    {
        Assert.Equal(index, NoticeId.IndexOf(NoticeId.For(index)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("n0001")]
    [InlineData("x00001")]
    [InlineData("n0000a")]
    [InlineData("n000001")]
    public void NoticeId_Malformed_IsMinusOne(string id)
    {
        Assert.Equal(-1, NoticeId.IndexOf(id));
    }
}
