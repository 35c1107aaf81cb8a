using BreachNotify.Incidents;
using BreachNotify.Notices;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Notices;

/// <summary>The follow-up and closing notices as rendered from their templates: what changed, the notice they follow, the final report.</summary>
public sealed class PhaseNoticeComposerTests
{
    private readonly IncidentHarness _incident = new();
    private readonly NoticeComposer _composer = new(TestData.SampleDirectory, TestData.Templates);

    private Recipient Soc => RecipientList.Of(TestData.SampleDirectory, _incident.State).Single(r => r.Email == "soc@contoso.example");

    private void FollowedUpAndClosed(FinalReport report)
    {
        _incident.Arrive(TestData.Detection("ocsf-detection-finding-exfil.json"));
        _incident.Decide(DecisionKind.Approve);
        _incident.Arrive(new DetectionBuilder().WithSourceId("det-exports").WithCategories("exfiltration").WithAssets("ntc-exports.blob.core.windows.net").Build());
        _incident.Decide(DecisionKind.ApproveUpdate);
        _incident.Decide(DecisionKind.Close, report: report);
    }

    [Fact]
    public void FollowUp_NamesItsSequenceAndTheNoticeItFollows_AndEachChangedFieldBeforeAndAfter()
    {
        _incident.Arrive(TestData.Detection("ocsf-detection-finding-exfil.json"));
        _incident.Decide(DecisionKind.Approve);
        _incident.Arrive(new DetectionBuilder().WithSourceId("det-ransom").WithCategories("ransomware").WithAssets("sqlprod-eu-01.database.windows.net").Build());
        _incident.Decide(DecisionKind.ApproveUpdate);

        var notice = _composer.Compose(_incident.State, Soc, new PhaseNotice(1, PhaseKind.FollowUp, 0));

        Assert.StartsWith($"Follow-up 1 to the personal data breach notice from Northwind Talent Cloud, incident {_incident.State.Id}", notice.Subject, StringComparison.Ordinal);
        // Approved at TestData.Now (9:00 UTC, 20 Nov 2026), as the first notice went out.
        Assert.Contains("It follows our notice 0 of 20 Nov 2026 09:00 UTC", notice.Text, StringComparison.Ordinal);
        Assert.Contains("What changed:\nBreach types: Confidentiality → Confidentiality, Integrity, Availability\n", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Parties newly affected", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("not affected by this incident", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FollowUp_NamesOtherPartiesOnlyAsACount()
    {
        FollowedUpAndClosed(new FinalReport("cause", "measures", null));

        var notice = _composer.Compose(_incident.State, Soc, new PhaseNotice(1, PhaseKind.FollowUp, 0));

        Assert.Contains("Parties newly affected: 2", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("fabrikam", notice.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tailspin", notice.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FollowUp_ToAPartyNoLongerAffected_SaysSo_InItsLanguage()
    {
        FollowedUpAndClosed(new FinalReport("cause", "measures", null));
        var privacy = RecipientList.Of(TestData.SampleDirectory, _incident.State).Single(r => r.Email == "privacy@contoso.example");

        var english = _composer.Compose(_incident.State, Soc, new PhaseNotice(1, PhaseKind.FollowUp, 0, NoLongerAffected: true));
        var german = _composer.Compose(_incident.State, privacy, new PhaseNotice(1, PhaseKind.FollowUp, 0, NoLongerAffected: true));

        Assert.Contains("Our further investigation found that the data we process for you is not affected by this incident.", english.Text, StringComparison.Ordinal);
        Assert.Contains("Your organisation: no longer affected", english.Text, StringComparison.Ordinal);
        Assert.Contains("Nach unserer weiteren Untersuchung sind die Daten, die wir für Sie verarbeiten, von diesem Vorfall nicht betroffen.", german.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Closing_CarriesTheFinalReport_EncodedInHtml_AndKeepsItOutOfTheSubject()
    {
        FollowedUpAndClosed(new FinalReport("A <script>leaked</script> key", "Keys rotated", DataRecovered: true));

        var notice = _composer.Compose(_incident.State, Soc, new PhaseNotice(2, PhaseKind.Closing, 0));

        Assert.Equal($"Closing notice 2: personal data breach incident {_incident.State.Id} from Northwind Talent Cloud", notice.Subject);
        Assert.Contains("Root cause: A <script>leaked</script> key", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Personal data recovered: yes", notice.Text, StringComparison.Ordinal);
        Assert.Contains("A &lt;script&gt;leaked&lt;/script&gt; key", notice.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", notice.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void ReminderOfAFollowUp_NamesTheFollowUpsSequenceAndChanges_NotTheFirstNotice()
    {
        FollowedUpAndClosed(new FinalReport("cause", "measures", null));

        var reminder = _composer.ComposeReminder(_incident.State, Soc, new PhaseNotice(1, PhaseKind.FollowUp, 0));
        var first = _composer.ComposeReminder(_incident.State, Soc);

        Assert.Equal($"Reminder: notice 1 on personal data breach incident {_incident.State.Id} from Northwind Talent Cloud", reminder.Subject);
        Assert.Contains("a follow-up saying what has changed", reminder.Text, StringComparison.Ordinal);
        Assert.Contains("Parties newly affected: 2", reminder.Text, StringComparison.Ordinal);
        Assert.NotEqual(first.Subject, reminder.Subject);
    }

    [Fact]
    public void FirstNoticeOfALaterPhase_IsTheFirstNoticesTemplate()
    {
        FollowedUpAndClosed(new FinalReport("cause", "measures", null));

        Assert.Equal(_composer.Compose(_incident.State, Soc), _composer.Compose(_incident.State, Soc, new PhaseNotice(1, PhaseKind.Initial, 1)));
    }
}
