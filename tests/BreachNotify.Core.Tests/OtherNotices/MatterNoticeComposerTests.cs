using BreachNotify.Notices;
using BreachNotify.OtherNotices;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.OtherNotices;

public sealed class MatterNoticeComposerTests
{
    private readonly MatterNoticeComposer _composer = new(TestData.SampleDirectory, TestData.Templates);

    [Fact]
    public void DataSubjectRequest_NamesTheSubjectByItsIdentifierOnly_WithTheArt12ClockAndNoAnswerWithoutAuthorisation()
    {
        var state = MatterState.Empty("mtr-00000000000000000001").Apply(new MatterReceived(
            TestData.Now, "commander:ic-primary", new MatterBuilder().Subject("jane@fabrikam.example").Build(), [new MatterCustomer("fabrikam", TestData.Now.AddHours(48))]));

        var notice = _composer.ComposeShared(MatterNoticeComposer.NoticeKindOf(state), state, "en-US");

        Assert.Equal("Data subject request forwarded by Northwind Talent Cloud (mtr-00000000000000000001)", notice.Subject);
        Assert.Contains("Subject: jane@fabrikam.example", notice.Text, StringComparison.Ordinal);
        Assert.Contains("we will not answer it without your written authorisation", notice.Text, StringComparison.Ordinal);
        // Received 20 Nov 2026 09:00 UTC: one month to 20 Dec, three to 20 Feb 2027.
        Assert.Contains("(Art. 12(3) GDPR): 20 Dec 2026 09:00 UTC", notice.Text, StringComparison.Ordinal);
        Assert.Contains("to 20 Feb 2027 09:00 UTC", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Why this notice is late", notice.Text, StringComparison.Ordinal);
        Assert.Contains(NoticeContent.AckUrlTag, notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void LawEnforcementRequest_ReleasedAfterItsProhibition_SaysWhyLate_InGerman()
    {
        var matter = new MatterBuilder().Prohibited(TestData.Now.AddDays(3), basis: "Gerichtsbeschluss 4711").Build();
        var state = MatterState.Empty("mtr-00000000000000000002")
            .Apply(new MatterReceived(TestData.Now, "commander:ic-primary", matter, [new MatterCustomer("fabrikam", TestData.Now.AddHours(24))]))
            .Apply(new ProhibitionLifted(TestData.Now.AddDays(3), "system", Ended: true, null));

        var notice = _composer.ComposeShared(NoticeTemplates.MatterNotice, state, "de-DE");

        Assert.StartsWith("Anfrage einer Strafverfolgungsbehörde zu Ihren Daten: Mitteilung von Northwind Talent Cloud", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("Warum diese Mitteilung verspätet ist: Ein gesetzliches Verbot untersagte uns, Sie zu unterrichten (Gerichtsbeschluss 4711); es endete am 23.11.2026 09:00 UTC.", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Behörde: District Attorney", notice.Text, StringComparison.Ordinal);
    }
}
