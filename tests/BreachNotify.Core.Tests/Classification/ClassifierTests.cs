using BreachNotify.Classification;
using BreachNotify.Parties;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Classification;

public sealed class ClassifierTests
{
    private static readonly ClassificationRules Rules = TestData.Rules;

    [Fact]
    public void Classify_OnlyUnknownAssets_NeedsReviewNeverNoBreach()
    {
        var classifier = new Classifier(TestData.SampleDirectory, Rules);
        var detection = new DetectionBuilder().WithTitle("Data exfiltration").WithCategories("exfiltration").WithAssets("mystery-host-42").Build();

        var classification = classifier.Classify([detection]);

        Assert.Equal(Verdict.NeedsReview, classification.Verdict);
        Assert.Equal(["mystery-host-42"], classification.UnrecognizedAssetRefs);
    }

    [Fact]
    public void Classify_NoPersonalDataAssetButAnUnknownOne_NeedsReviewNeverNoBreach()
    {
        var classifier = new Classifier(TestData.SampleDirectory, Rules);
        var detection = new DetectionBuilder().WithAssets("vpn.ntc.example", "mystery-host-42").Build();

        var classification = classifier.Classify([detection]);

        Assert.Equal(Verdict.NeedsReview, classification.Verdict);
        Assert.Equal(["vpn-gateway"], classification.Assets);
    }

    [Fact]
    public void Classify_NoAssetsAtAll_NeedsReview()
    {
        var classifier = new Classifier(TestData.SampleDirectory, Rules);

        var classification = classifier.Classify([new DetectionBuilder().WithCategories("exfiltration").Build()]);

        Assert.Equal(Verdict.NeedsReview, classification.Verdict);
    }

    [Fact]
    public void Classify_PersonalDataAssetWithoutAnyMatchingRule_NeedsReview()
    {
        var classifier = new Classifier(TestData.SampleDirectory, Rules);
        var detection = new DetectionBuilder().WithTitle("Odd login pattern").WithCategories("discovery").WithAssets("sqlprod-eu-01.database.windows.net").Build();

        var classification = classifier.Classify([detection]);

        Assert.Equal(Verdict.NeedsReview, classification.Verdict);
        Assert.Empty(classification.BreachTypes);
        Assert.Equal(["contoso"], classification.AffectedCustomers);
        Assert.Contains(classification.Rationale, r => r.Contains("no rule says what kind of breach", StringComparison.Ordinal));
    }

    [Fact]
    public void Classify_AssetOfAnOptInService_ReachesOnlyOptedInCustomers()
    {
        // The asset's scope says "all customers", but its service is opt-in: only those who opted in are affected.
        var directory = new DirectoryBuilder()
            .WithService("coach", optIn: true)
            .WithAsset("coach-logs", new CustomerScope { All = true }, service: "coach", aliases: "coach-logs.example")
            .WithCustomer("in-a", optIns: ["coach"])
            .WithCustomer("out-b")
            .WithCustomer("in-c", optIns: ["coach"])
            .Build();
        var detection = new DetectionBuilder().WithCategories("exfiltration").WithAssets("coach-logs.example").Build();

        var classification = new Classifier(directory, Rules).Classify([detection]);

        Assert.Equal(Verdict.PersonalDataBreach, classification.Verdict);
        Assert.Equal(["in-a", "in-c"], classification.AffectedCustomers);
    }

    [Fact]
    public void Classify_SampleAiCoachGateway_ReachesOnlyTheCustomersWhoOptedIntoAiCoach()
    {
        var classifier = new Classifier(TestData.SampleDirectory, Rules);
        var detection = new DetectionBuilder().WithCategories("exfiltration").WithAssets("ai-gw.ntc.internal").Build();

        var classification = classifier.Classify([detection]);

        Assert.Equal(["fabrikam", "woodgrove"], classification.AffectedCustomers);
        Assert.DoesNotContain("contoso", classification.AffectedCustomers);
        Assert.DoesNotContain("tailspin", classification.AffectedCustomers);
    }

    [Fact]
    public void Classify_IpInsideACidrAlias_ResolvesToThatAsset()
    {
        var directory = new DirectoryBuilder()
            .WithAsset("db-range", aliases: "10.40.0.0/16")
            .WithCustomer("acme")
            .Build();
        var detection = new DetectionBuilder().WithCategories("exfiltration").WithAssets("10.40.7.9").Build();

        var classification = new Classifier(directory, Rules).Classify([detection]);

        Assert.Equal(["db-range"], classification.Assets);
        Assert.Empty(classification.UnrecognizedAssetRefs);
        Assert.Contains(classification.Rationale, r => r.Contains("10.40.7.9 is in range 10.40.0.0/16 of db-range", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_IpOutsideTheCidrAlias_IsUnknown()
    {
        var resolver = new AssetResolver(new DirectoryBuilder().WithAsset("db-range", aliases: "10.40.0.0/16").Build());

        Assert.Null(resolver.Resolve("10.41.0.1"));
        Assert.Equal("db-range", resolver.Resolve("10.40.255.254")?.Asset.Id);
    }

    [Fact]
    public void Resolve_UrlWhoseHostIsAnAlias_ResolvesToThatAsset()
    {
        var resolver = new AssetResolver(TestData.SampleDirectory);

        var found = resolver.Resolve("https://ntc-exports.blob.core.windows.net/exports/fabrikam/file.csv?sig=x");

        Assert.Equal("exports-bucket", found?.Asset.Id);
        Assert.StartsWith("host of ", found?.How, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ResourceIdUnderAnAliasedResource_ResolvesByPrefix()
    {
        var resolver = new AssetResolver(TestData.SampleDirectory);

        var found = resolver.Resolve("/subscriptions/0000/resourceGroups/prod-eu/providers/Microsoft.Sql/servers/sqlprod-eu-01/databases/reviews");

        Assert.Equal("sql-prod-eu", found?.Asset.Id);
        Assert.Contains("lies under resource", found?.How, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ResourceIdThatOnlySharesAPrefixOfTheName_IsUnknown()
    {
        var resolver = new AssetResolver(TestData.SampleDirectory);

        Assert.Null(resolver.Resolve("/subscriptions/0000/resourceGroups/prod-eu/providers/Microsoft.Sql/servers/sqlprod-eu-012"));
    }

    [Fact]
    public void Resolve_AliasInAnotherCase_IsStillRecognised()
    {
        var resolver = new AssetResolver(TestData.SampleDirectory);

        Assert.Equal("sql-prod-us", resolver.Resolve("  SQLPROD-US-01.database.windows.net ")?.Asset.Id);
    }

    [Fact]
    public void Classify_MatchingRule_RationaleNamesTheRuleIdAndTheEvidence()
    {
        var classifier = new Classifier(TestData.SampleDirectory, Rules);
        var byCategory = new DetectionBuilder().WithCategories("T1486").WithAssets("exports-share").Build();
        var byTitle = new DetectionBuilder().WithTitle("Mass deletion in the export share").WithAssets("exports-share").Build();

        var categoryRationale = classifier.Classify([byCategory]).Rationale;
        var titleRationale = classifier.Classify([byTitle]).Rationale;

        Assert.Contains("breach type: rule ransomware (category 't1486') -> availability, integrity", categoryRationale);
        Assert.Contains("breach type: rule destruction (title contains 'mass deletion') -> availability", titleRationale);
    }

    [Fact]
    public void Classify_SubprocessorOnTheAffectedAssetsService_IsTold()
    {
        var directory = new DirectoryBuilder()
            .WithAsset("db", aliases: "db.example")
            .WithCustomer("acme")
            .WithSubprocessor("host-a", services: ["core"])
            .WithSubprocessor("unrelated", services: [])
            .Build();
        var detection = new DetectionBuilder().WithCategories("exfiltration").WithAssets("db.example").Build();

        var classification = new Classifier(directory, Rules).Classify([detection]);

        Assert.Equal(["host-a"], classification.AffectedSubprocessors);
    }
}
