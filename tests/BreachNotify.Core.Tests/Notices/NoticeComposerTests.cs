using BreachNotify.Classification;
using BreachNotify.Detections;
using BreachNotify.Incidents;
using BreachNotify.Notices;
using BreachNotify.Parties;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Notices;

public sealed class NoticeComposerTests
{
    private readonly NoticeComposer _composer = new(TestData.SampleDirectory, TestData.Templates);

    /// <summary>The OCSF exfiltration fixture, classified at <see cref="TestData.Now"/>: contoso (de-DE, en-GB) and cloud-host.</summary>
    private static IncidentState Incident(NormalizedDetection? detection = null)
    {
        return TestData.Classified(detection ?? TestData.Detection("ocsf-detection-finding-exfil.json"), TestData.Now);
    }

    private static Recipient RecipientOf(IncidentState incident, string email) => RecipientList.Of(TestData.SampleDirectory, incident).Single(r => r.Email == email);

    [Fact]
    public void Compose_EnglishCustomerNotice_CarriesEveryArticle33_3Item()
    {
        var incident = Incident();

        var notice = _composer.Compose(incident, RecipientOf(incident, "soc@contoso.example"));

        Assert.Equal($"Personal data breach notice from Northwind Talent Cloud, incident {incident.Id}", notice.Subject);
        foreach (var body in new[] { notice.Text, notice.Html })
        {
            Assert.Contains("Nature of the breach", body, StringComparison.Ordinal);
            Assert.Contains("confidentiality (unauthorised disclosure or access)", body, StringComparison.Ordinal);
            Assert.Contains("Categories of personal data", body, StringComparison.Ordinal);
            Assert.Contains("contact details, employment records, performance reviews", body, StringComparison.Ordinal);
            Assert.Contains("Approximate number of records", body, StringComparison.Ordinal);
            Assert.Contains("5,000", body, StringComparison.Ordinal);
            Assert.Contains("Likely consequences", body, StringComparison.Ordinal);
            Assert.Contains("phishing", body, StringComparison.Ordinal);
            Assert.Contains("Measures taken or proposed", body, StringComparison.Ordinal);
            Assert.Contains("Containment and investigation are under way", body, StringComparison.Ordinal);
            Assert.Contains("Contact point", body, StringComparison.Ordinal);
            Assert.Contains("ic@ntc.example", body, StringComparison.Ordinal);
            Assert.Contains("Aware since", body, StringComparison.Ordinal);
            Assert.Contains("20 Nov 2026 09:00 UTC", body, StringComparison.Ordinal);
            Assert.Contains("Notice due under our agreement by", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Due to you", body, StringComparison.Ordinal);
            Assert.Contains("22 Nov 2026 09:00 UTC", body, StringComparison.Ordinal);
            Assert.Contains(NoticeContent.AckUrlTag, body, StringComparison.Ordinal);
        }

        Assert.Contains($"href=\"{NoticeContent.AckUrlTag}\"", notice.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_ContactPointConfigured_IsUsedInsteadOfTheCommander()
    {
        var directory = DirectoryBuilder.FromSample().WithProcessor(p => p with { ContactEmail = "dpo@ntc.example" }).Build();
        var incident = Incident();

        var notice = new NoticeComposer(directory, TestData.Templates).Compose(incident, RecipientOf(incident, "soc@contoso.example"));

        Assert.Contains("Contact point: dpo@ntc.example", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ic@ntc.example", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_GermanContact_GetsGermanText()
    {
        var incident = Incident();

        var notice = _composer.Compose(incident, RecipientOf(incident, "privacy@contoso.example"));

        Assert.StartsWith("Meldung einer Verletzung des Schutzes personenbezogener Daten", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("Art der Verletzung: Vertraulichkeit", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Kategorien personenbezogener Daten", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Ungefähre Zahl der Datensätze: 5.000", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Kenntnis erlangt: 20.11.2026 09:00 UTC", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Ihre Frist: 22.11.2026 09:00 UTC", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Bitte bestätigen Sie den Erhalt", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nature of the breach", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_UnknownLocale_FallsBackToEnglish()
    {
        var incident = Incident();
        var recipient = RecipientOf(incident, "soc@contoso.example") with { Locale = "pt-BR" };

        var notice = _composer.Compose(incident, recipient);

        Assert.Contains("Nature of the breach", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_SubprocessorNotice_AsksForContainmentLogsAndFindings()
    {
        var incident = Incident();

        var notice = _composer.Compose(incident, RecipientOf(incident, "secresponse@cloud-host.example"));

        Assert.Contains("What we ask of you", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Contain the incident", notice.Text, StringComparison.Ordinal);
        Assert.Contains("preserve logs", notice.Text, StringComparison.Ordinal);
        Assert.Contains("your own findings by 21 Nov 2026 09:00 UTC", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Categories of personal data", notice.Text, StringComparison.Ordinal);
        Assert.Contains(NoticeContent.AckUrlTag, notice.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_HostileDetectionText_NeverBecomesMarkupAndNeverEntersTheSubject()
    {
        const string script = "<script>alert(1)</script>";
        const string img = "<img src=x onerror=alert(2)>";
        var flood = string.Concat(Enumerable.Repeat("<b>", 34_000));
        var title = $"Exfiltration {script} {img} invoice\u202Efdp.exe \u0000\u0007\u001b[31m {flood}";
        var detection = new DetectionBuilder()
            .WithTitle(title)
            .WithCategories("exfiltration")
            .WithAssets("sqlprod-eu-01.database.windows.net")
            .Build() with { DataCategories = ["<svg onload=alert(3)>"] };
        var incident = Incident(detection);
        Assert.True(title.Length > 100_000);

        foreach (var recipient in RecipientList.Of(TestData.SampleDirectory, incident))
        {
            var notice = _composer.Compose(incident, recipient);

            Assert.DoesNotContain("<script", notice.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", notice.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<svg", notice.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>", notice.Html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", notice.Html, StringComparison.Ordinal);
            Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", notice.Html, StringComparison.Ordinal);
            Assert.DoesNotContain(notice.Html, char.IsControl);
            Assert.DoesNotContain('\u202E', notice.Html);
            Assert.DoesNotContain('\u202E', notice.Text);
            Assert.DoesNotContain(notice.Text, c => char.IsControl(c) && c is not '\n' and not '\r');

            Assert.DoesNotContain("Exfiltration", notice.Subject, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("alert", notice.Subject, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<", notice.Subject, StringComparison.Ordinal);
            Assert.True(notice.Subject.Length < 200);
        }
    }

    [Fact]
    public void ComposeApprovalRequest_NeverCarriesDetectionTextInTheSubjectAndEncodesTheUrl()
    {
        var detection = new DetectionBuilder().WithTitle("<script>x</script> secret title").WithCategories("exfiltration").WithAssets("10.20.1.15").Build();
        var incident = Incident(detection);

        var request = _composer.ComposeApprovalRequest(incident, 2, "https://ntc.example/incidents/x?a=1&b=\"><script>");

        Assert.Equal($"ESCALATION 2: incident {incident.Id} still awaits a decision", request.Subject);
        Assert.DoesNotContain("secret title", request.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", request.Html, StringComparison.Ordinal);
        Assert.Contains("a=1&amp;b=", request.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_IntegrityAndAvailabilityBreach_DescribesBothAndItsConsequences()
    {
        var incident = Incident(TestData.Detection("sentinel-incident-ransomware.json"));

        var notice = _composer.Compose(incident, RecipientOf(incident, "legal@fabrikam.example"));

        Assert.Contains("integrity (unauthorised alteration), availability (loss of access or destruction)", notice.Text, StringComparison.Ordinal);
        Assert.Contains("unavailable or altered", notice.Text, StringComparison.Ordinal);
        Assert.Equal(Verdict.PersonalDataBreach, incident.Classification?.Verdict);
    }

    [Fact]
    public void ComposeShared_TwoPartiesOfOneTemplateAndLanguage_ShareOneRenderingFilledPerParty()
    {
        var incident = Incident();
        var contact = RecipientOf(incident, "soc@contoso.example");
        var first = contact with { PartyId = "p1", PartyName = "Alpha & <Beta>", DueAt = TestData.Now.AddHours(24) };
        var second = contact with { PartyId = "p2", PartyName = "Gamma", DueAt = TestData.Now.AddHours(48), ContactIndex = 3 };

        var shared = _composer.ComposeShared(incident, first);

        Assert.Equal(shared, _composer.ComposeShared(incident, second));
        Assert.DoesNotContain("Alpha", shared.Html, StringComparison.Ordinal);
        Assert.Contains(NoticeContent.PartyNameTag, shared.Text, StringComparison.Ordinal);
        Assert.Contains(NoticeContent.PartyNameHtmlTag, shared.Html, StringComparison.Ordinal);
        Assert.Contains(NoticeContent.DueAtTag, shared.Text, StringComparison.Ordinal);
        var filled = _composer.Compose(incident, first);
        Assert.Equal(shared.With(_composer.PartyValues(first)), filled);
        Assert.Contains("To: Alpha & <Beta>", filled.Text, StringComparison.Ordinal);
        Assert.Contains("Alpha &amp; &lt;Beta&gt;", filled.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<Beta>", filled.Html, StringComparison.Ordinal);
        Assert.Contains("Notice due under our agreement by: 21 Nov 2026 09:00 UTC", filled.Text, StringComparison.Ordinal);
        Assert.Contains("Notice due under our agreement by: 22 Nov 2026 09:00 UTC", _composer.Compose(incident, second).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ComposeShared_DetectionTextHoldingATag_CannotPullInARecipientsValue()
    {
        var incident = Incident() with { Title = $"exfil {NoticeContent.PartyNameTag} {NoticeContent.AckUrlTag}" };
        var contact = RecipientOf(incident, "soc@contoso.example");

        var notice = _composer.Compose(incident, contact with { PartyName = $"Evil {NoticeContent.DueAtTag}" });

        Assert.Contains("What was detected: exfil  \n", notice.Text, StringComparison.Ordinal);
        Assert.Contains("To: Evil \n", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ComposeShared_SubprocessorRequest_CarriesTheDueTimeAsATag()
    {
        var incident = Incident();
        var contact = RecipientList.Of(TestData.SampleDirectory, incident).First(r => r.Kind == PartyKind.Subprocessor);

        var shared = _composer.ComposeShared(incident, contact);

        Assert.DoesNotContain(contact.PartyName, shared.Text, StringComparison.Ordinal);
        Assert.Contains($"findings by {NoticeContent.DueAtTag}.", shared.Text.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
