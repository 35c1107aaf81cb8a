using BreachNotify.Notices;

namespace BreachNotify.Tests.Notices;

public sealed class NoticeIdTests
{
    [Theory]
    [InlineData(0, 0, "n00000")]
    [InlineData(42, 0, "n00042")]
    [InlineData(0, 1, "p1-n00000")]
    [InlineData(99999, 12, "p12-n99999")]
    [InlineData(100000, 0, "nf100000")]
    [InlineData(1234567, 0, "ng1234567")]
    [InlineData(1000000, 2, "p2-ng1000000")]
    [InlineData(int.MaxValue, 0, "nj2147483647")]
    public void For_KeepsTheFirstNoticesIds_AndPrefixesALaterPhase(int index, int phase, string expected)
    {
        Assert.Equal(expected, NoticeId.For(index, phase));
        Assert.Equal(index, NoticeId.IndexOf(expected));
        Assert.Equal(phase, NoticeId.PhaseOf(expected));
    }

    [Theory]
    [InlineData("")]
    [InlineData("n0001")]
    [InlineData("x00001")]
    [InlineData("p0-n00001")]
    [InlineData("p01-n00001")]
    [InlineData("p-n00001")]
    [InlineData("p1n00001")]
    [InlineData("p1-n0001")]
    [InlineData("p123456-n00001")]
    [InlineData("p1-p1-n00001")]
    [InlineData("n100000")]
    [InlineData("nf012345")]
    [InlineData("nf1234567")]
    [InlineData("ng123456")]
    [InlineData("nj9999999999")]
    [InlineData("nk12345678901")]
    public void IndexOf_RefusesWhatIsNotANoticeId(string id)
    {
        Assert.Equal(-1, NoticeId.IndexOf(id));
        Assert.Equal(-1, NoticeId.PhaseOf(id));
    }

    [Fact]
    public void ALaterPhasesIds_SortAfterEveryFirstNotice_AndApartFromOtherPhases()
    {
        // Row keys are compared ordinally: phase 1's range [p1-n00000, p1-n00100) holds neither phase 0 nor phase 10.
        Assert.True(string.CompareOrdinal(NoticeId.For(99999), NoticeId.For(0, 1)) < 0);
        Assert.True(string.CompareOrdinal(NoticeId.For(0, 10), NoticeId.For(0, 1)) > 0 && string.CompareOrdinal(NoticeId.For(0, 10), NoticeId.For(100, 1)) > 0);
    }

    [Fact]
    public void IdsPastNineHundredNinetyNineThousand_ParseBack_AndSortInTheOrderOfTheirIndexes()
    {
        int[] indexes = [0, 9, 99_998, 99_999, 100_000, 100_001, 999_999, 1_000_000, 1_000_001, 12_345_678, 999_999_999, 1_000_000_000, int.MaxValue];
        var ids = indexes.Select(i => NoticeId.For(i)).ToList();

        Assert.Equal(indexes, ids.Select(NoticeId.IndexOf));
        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        // A batch across the old bound is still one range of row keys.
        Assert.All(Enumerable.Range(99_990, 20), i => Assert.InRange(string.CompareOrdinal(NoticeId.For(i), NoticeId.For(99_990)), 0, int.MaxValue));
        Assert.True(string.CompareOrdinal(NoticeId.For(100_009), NoticeId.For(100_010)) < 0);
        Assert.True(string.CompareOrdinal(NoticeId.For(int.MaxValue), NoticeId.For(0, 1)) < 0);
    }

    [Fact]
    public void ALinkToANoticePastTheOldBound_ParsesBackToItsNotice()
    {
        var token = BreachNotify.Acknowledgements.AcknowledgementToken.Create("inc-big", NoticeId.For(1_234_567, 1), new byte[32]);

        var parsed = BreachNotify.Acknowledgements.AcknowledgementToken.TryParse(token.ToString());

        Assert.NotNull(parsed);
        Assert.Equal(1_234_567, NoticeId.IndexOf(parsed.NoticeId));
        Assert.Equal(1, NoticeId.PhaseOf(parsed.NoticeId));
    }
}
