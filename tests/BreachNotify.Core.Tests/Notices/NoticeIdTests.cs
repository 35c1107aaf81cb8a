using BreachNotify.Notices;

namespace BreachNotify.Tests.Notices;

public sealed class NoticeIdTests
{
    [Theory]
    [InlineData(0, 0, "n00000")]
    [InlineData(42, 0, "n00042")]
    [InlineData(0, 1, "p1-n00000")]
    [InlineData(99999, 12, "p12-n99999")]
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
}
