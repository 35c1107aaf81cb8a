using BreachNotify.Detections;
using BreachNotify.Detections.Formats;

namespace BreachNotify.Tests.Detections;

public sealed class SplunkFormatTests
{
    private readonly SplunkFormat _format = new();

    [Fact]
    public void Parse_WebhookAlert_UsesSidAsIdAndSearchNameAsTitle()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("splunk-webhook-vpn-bruteforce.json"));

        Assert.Equal("splunk", detection.Format);
        Assert.Equal("scheduler__admin__search__RMD5a1b2c3d4_at_1795000000_1234", detection.SourceId);
        Assert.Equal("VPN brute force - many failed logins", detection.Title);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795000000), detection.DetectedAt);
        Assert.Equal(DetectionSeverity.Medium, detection.Severity);
    }

    [Fact]
    public void Parse_WebhookAlert_HostAndDestAreAssetsButTheSourceIpIsOnlyEvidence()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("splunk-webhook-vpn-bruteforce.json"));

        Assert.Equal(["vpn.ntc.example", "203.0.113.10"], detection.AssetRefs);
        Assert.DoesNotContain("192.0.2.200", detection.AssetRefs);
        Assert.Equal("192.0.2.200", detection.Evidence("src_ip"));
        Assert.Equal("1843", detection.Evidence("count"));
        Assert.Equal("search", detection.Evidence("splunk.app"));
    }

    [Fact]
    public void Parse_SearchNameWords_AreNotCategories()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("splunk-webhook-vpn-bruteforce.json"));

        Assert.Empty(detection.Categories);
    }

    [Fact]
    public void Parse_ResultWithCategoryFieldsAndUrl_ReadsCategoriesTacticIdsAndUrlHost()
    {
        var item = Fixtures.Json("""
            { "sid": "rt_1", "search_name": "Exfil", "result": {
                "_time": "2026-11-20T10:00:00Z", "urgency": "critical", "category": "exfiltration",
                "mitre_technique_id": ["T1048", "T1041"], "tactic": "Exfiltration", "dest_ip": "10.0.0.5",
                "url": "https://files.ntc.example/share/x", "src": "203.0.113.5" } }
            """);

        var detection = Fixtures.Single(_format, item);

        Assert.Equal(DetectionSeverity.Critical, detection.Severity);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T10:00:00Z"), detection.DetectedAt);
        // "Exfiltration" from tactic repeats "exfiltration" from category (case-insensitive) and is kept once.
        Assert.Equal(["exfiltration", "TA0010", "T1048", "T1041"], detection.Categories);
        Assert.Equal(["10.0.0.5", "files.ntc.example"], detection.AssetRefs);
        Assert.Equal("203.0.113.5", detection.Evidence("src"));
        Assert.Equal("https://files.ntc.example/share/x", detection.Evidence("url"));
    }

    [Theory]
    [InlineData("high", DetectionSeverity.High)]
    [InlineData("warning", DetectionSeverity.Medium)]
    [InlineData("error", DetectionSeverity.High)]
    [InlineData("whatever", DetectionSeverity.Unknown)]
    public void Parse_FreeFormSeverity_MapsKnownWordsAndNeverFails(string severity, DetectionSeverity expected)
    {
        var item = Fixtures.Json($$"""{ "sid": "1", "search_name": "s", "result": { "severity": "{{severity}}" } }""");

        Assert.Equal(expected, Fixtures.Single(_format, item).Severity);
    }

    [Fact]
    public void Parse_MissingResult_IsAnError()
    {
        var result = _format.Parse(Fixtures.Json("""{ "sid": "1", "search_name": "s", "result": null }"""), "s", "$");

        Assert.Equal("$.result", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Parse_BlankSidAndBadTime_ReportsBoth()
    {
        var result = _format.Parse(Fixtures.Json("""{ "sid": " ", "search_name": "s", "result": { "_time": "soon" } }"""), "s", "$");

        Assert.Equal(["$.result._time", "$.sid"], result.Errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Recognizes_SidWithResult_Only()
    {
        Assert.True(_format.Recognizes(Fixtures.Siem("splunk-webhook-vpn-bruteforce.json")));
        Assert.False(_format.Recognizes(Fixtures.Json("""{ "sid": "1" }""")));
    }
}
