using BreachNotify.Classification;
using BreachNotify.ControllerPacks;
using BreachNotify.Severity;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.ControllerPacks;

// Expected values come from the fixtures and directory.sample.json as written, not from the composer.
public sealed class ControllerPackComposerTests
{
    private readonly ControllerPackComposer _composer = new(TestData.SampleDirectory);

    [Fact]
    public void A_pack_gives_the_controller_its_own_records_due_time_and_statutory_clocks()
    {
        var incident = TestData.Classified(TestData.Detection("ocsf-detection-finding-exfil.json"), TestData.Now);
        var sentAt = TestData.Now.AddMinutes(30);

        var pack = _composer.Compose(incident, "contoso", sentAt, null);

        Assert.NotNull(pack);
        Assert.Equal("contoso", pack.Controller.Id);
        Assert.Equal("Contoso GmbH", pack.Controller.Name);
        Assert.Equal("de-DE", pack.Controller.Language);
        Assert.Null(pack.Controller.SupervisoryAuthority);
        Assert.Equal([BreachType.Confidentiality], pack.Nature.BreachTypes);
        Assert.Equal(["sql-prod-eu"], pack.Nature.Assets);
        // sql-prod-eu: approxRecordsPerCustomer 5000 in the sample directory.
        Assert.Equal(5000, pack.Nature.ApproxRecords);
        Assert.Contains("contact details", pack.Nature.DataCategories);
        Assert.Equal(TestData.Now, pack.Awareness.ProcessorAwareAt);
        Assert.Equal(sentAt, pack.Awareness.NoticeSentAt);
        // contoso's contract: noticeLimitHours 48.
        Assert.Equal(TestData.Now.AddHours(48), pack.Awareness.ProcessorDue?.DueAt);
        Assert.NotEmpty(pack.Awareness.StatutoryClocks);
        Assert.All(pack.Awareness.StatutoryClocks, c => Assert.Equal("contoso", c.CustomerId));
        Assert.Null(pack.Awareness.ReportingSubprocessor);
        Assert.Equal(1, pack.Version);
    }

    [Fact]
    public void A_sub_processor_report_puts_its_awareness_first_in_the_chain_and_says_records_are_not_known_per_controller()
    {
        var incident = TestData.Classified(TestData.Detection("generic-subprocessor-report.json"), TestData.Now);

        var pack = _composer.Compose(incident, "fabrikam", null, null);

        Assert.NotNull(pack);
        Assert.Equal("llm-provider", pack.Awareness.ReportingSubprocessor);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 22, 40, 0, TimeSpan.Zero), pack.Awareness.SubprocessorAwareAt);
        Assert.Null(pack.Awareness.NoticeSentAt);
        Assert.Null(pack.Nature.ApproxRecords);
        Assert.Equal("not known per controller; the incident's figure for all 2 affected controllers is 120000", pack.Nature.ApproxRecordsBasis);
        // free-text prompts -> behavioural (2); names -> maximum (1); confidentiality to unknown recipients 0.5, malice assumed 0.5.
        Assert.Equal(DataType.Behavioural, pack.Severity.Inputs.DataType);
        Assert.Equal(3.0m, pack.Severity.Score);
        Assert.Equal(SeverityBand.High, pack.Severity.Band);
        Assert.Contains("not advice that the controller need not notify", pack.SeverityGuidance, StringComparison.Ordinal);
    }

    [Fact]
    public void A_commander_override_changes_the_estimate_and_is_named_in_the_pack()
    {
        var incident = TestData.Classified(TestData.Detection("generic-subprocessor-report.json"), TestData.Now);

        var pack = _composer.Compose(incident, "woodgrove", null, new SeverityOverride { MaliciousIntent = false, Confidentiality = ConfidentialityLoss.KnownRecipients });

        Assert.NotNull(pack);
        // 2 x 1 + 0.25 = 2.25
        Assert.Equal(2.25m, pack.Severity.Score);
        Assert.Equal(SeverityBand.Medium, pack.Severity.Band);
        Assert.Equal(["confidentiality", "maliciousIntent"], pack.Severity.Overridden);
    }

    [Fact]
    public void The_directory_s_supervisory_authority_and_language_prefill_the_pack()
    {
        var directory = TestData.SampleDirectory with
        {
            Customers = [.. TestData.SampleDirectory.Customers.Select(c => c.Id == "contoso" ? c with { SupervisoryAuthority = "BayLDA", Language = "de" } : c)],
        };
        var incident = TestData.Classified(TestData.Detection("ocsf-detection-finding-exfil.json"), TestData.Now);

        var pack = new ControllerPackComposer(directory).Compose(incident, "contoso", null, null);

        Assert.NotNull(pack);
        Assert.Equal("BayLDA", pack.Controller.SupervisoryAuthority);
        Assert.Equal("de", pack.Controller.Language);
    }

    [Fact]
    public void No_pack_is_made_for_a_customer_the_incident_does_not_affect()
    {
        var incident = TestData.Classified(TestData.Detection("ocsf-detection-finding-exfil.json"), TestData.Now);

        Assert.Null(_composer.Compose(incident, "fabrikam", null, null));
        Assert.Null(_composer.Compose(incident, "no-such-customer", null, null));
    }
}
