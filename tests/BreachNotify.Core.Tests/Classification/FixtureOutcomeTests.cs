using BreachNotify.Classification;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Classification;

/// <summary>Each row of shared/fixtures/README.md's outcome table, with directory.sample.json and the shipped rules.</summary>
public sealed class FixtureOutcomeTests
{
    private readonly Classifier _classifier = new(TestData.SampleDirectory, TestData.Rules);

    public static TheoryData<string, Verdict, BreachType[], string[], string[]> Rows => new()
    {
        { "ocsf-detection-finding-exfil.json", Verdict.PersonalDataBreach, [BreachType.Confidentiality], ["contoso"], ["cloud-host"] },
        { "sentinel-incident-ransomware.json", Verdict.PersonalDataBreach, [BreachType.Integrity, BreachType.Availability], ["fabrikam", "tailspin"], ["cloud-host"] },
        { "splunk-webhook-vpn-bruteforce.json", Verdict.NotPersonalDataBreach, [], [], [] },
        { "elastic-alert-bucket-access.json", Verdict.PersonalDataBreach, [BreachType.Confidentiality], ["fabrikam"], ["cloud-host"] },
        { "generic-subprocessor-report.json", Verdict.PersonalDataBreach, [BreachType.Confidentiality], ["fabrikam", "woodgrove"], ["llm-provider"] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Classify_SiemFixture_GivesTheOutcomeTheFixturesTableSpecifies(
        string fixture, Verdict verdict, BreachType[] breachTypes, string[] customers, string[] subprocessors)
    {
        var classification = _classifier.Classify([TestData.Detection(fixture)]);

        var because = string.Join(Environment.NewLine, classification.Rationale);
        Assert.True(verdict == classification.Verdict, $"expected {verdict}, got {classification.Verdict}:{Environment.NewLine}{because}");
        Assert.Equal(breachTypes.Order(), classification.BreachTypes.Order());
        Assert.Equal(customers, classification.AffectedCustomers);
        Assert.Equal(subprocessors, classification.AffectedSubprocessors);
    }

    [Fact]
    public void Classify_OcsfExfil_FindsTheAssetByResourceUidHostNameAndIp()
    {
        var classification = _classifier.Classify([TestData.Detection("ocsf-detection-finding-exfil.json")]);

        Assert.Equal(["sql-prod-eu"], classification.Assets);
        var assetLines = classification.Rationale.Where(r => r.StartsWith("asset:", StringComparison.Ordinal)).ToList();
        Assert.Contains(assetLines, l => l.Contains("/subscriptions/0000/resourceGroups/prod-eu/providers/Microsoft.Sql/servers/sqlprod-eu-01", StringComparison.Ordinal));
        Assert.Contains(assetLines, l => l.Contains("sqlprod-eu-01.database.windows.net", StringComparison.Ordinal));
        Assert.Contains(assetLines, l => l.Contains("10.20.1.15", StringComparison.Ordinal));
    }

    [Fact]
    public void Classify_SentinelRansomware_FindsTheAssetByFileShareName()
    {
        var classification = _classifier.Classify([TestData.Detection("sentinel-incident-ransomware.json")]);

        Assert.Contains("exports-bucket", classification.Assets);
        Assert.Contains(classification.Rationale, r => r.Contains("'exports-share' is an alias of exports-bucket", StringComparison.Ordinal));
    }

    [Fact]
    public void Classify_SentinelIncidentWithItsUpdate_KeepsTheOriginalOutcome()
    {
        var original = TestData.Detection("sentinel-incident-ransomware.json");
        var update = TestData.Detection("sentinel-incident-ransomware-update.json");

        var classification = _classifier.Classify([original, update]);

        Assert.Equal(Verdict.PersonalDataBreach, classification.Verdict);
        Assert.Equal([BreachType.Integrity, BreachType.Availability], classification.BreachTypes.Order());
        Assert.Equal(["fabrikam", "tailspin"], classification.AffectedCustomers);
        Assert.Equal(["cloud-host"], classification.AffectedSubprocessors);
    }

    [Fact]
    public void Classify_ElasticAlertNamingFabrikam_NarrowsToFabrikam()
    {
        var classification = _classifier.Classify([TestData.Detection("elastic-alert-bucket-access.json")]);

        Assert.Equal(["fabrikam"], classification.AffectedCustomers);
        Assert.Contains(classification.Rationale, r => r.Contains("narrowing from fabrikam, tailspin", StringComparison.Ordinal));
    }

    [Fact]
    public void Classify_SplunkVpnBruteForce_IsRecordedAsNoBreachWithHighConfidenceAndNoRecipients()
    {
        var classification = _classifier.Classify([TestData.Detection("splunk-webhook-vpn-bruteforce.json")]);

        Assert.Equal(Verdict.NotPersonalDataBreach, classification.Verdict);
        Assert.Equal(["vpn-gateway"], classification.Assets);
        Assert.Empty(classification.UnrecognizedAssetRefs);
        Assert.Contains(classification.Rationale, r => r.StartsWith("verdict:", StringComparison.Ordinal) && r.Contains("vpn-gateway", StringComparison.Ordinal));
    }

    [Fact]
    public void Classify_SubprocessorReport_UsesTheReportedRecordCount()
    {
        var classification = _classifier.Classify([TestData.Detection("generic-subprocessor-report.json")]);

        Assert.Equal(120000, classification.ApproxRecords);
        Assert.Contains("free-text prompts", classification.DataCategories);
    }
}
