using BreachNotify.Detections;
using BreachNotify.Detections.Formats;

namespace BreachNotify.Tests.Detections;

public sealed class QRadarFormatTests
{
    private readonly QRadarFormat _format = new();

    [Fact]
    public void Parse_Offense_ReadsIdTitleTimeStatusAndSeverity()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("qradar-offense-exfil.json"));

        Assert.Equal("qradar", detection.Format);
        Assert.Equal("4127", detection.SourceId);
        Assert.Equal("Excessive Data Transfer to Remote Host containing Large Outbound Transfer", detection.Title);
        Assert.Equal(Fixtures.Ms(1795000000000), detection.DetectedAt);
        Assert.Equal("OPEN", detection.SourceStatus);
        Assert.Equal(DetectionSeverity.High, detection.Severity);
    }

    [Fact]
    public void Parse_Offense_SourceAddressAndNamedNetworksAreAssetsCategoriesAreKept()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("qradar-offense-exfil.json"));

        Assert.Equal(["10.20.1.15", "DMZ.db_servers"], detection.AssetRefs);
        Assert.Equal(["Suspicious Activity", "Large Outbound Transfer"], detection.Categories);
        Assert.Equal("3", detection.Evidence("domain_id"));
        Assert.Equal("77", detection.Evidence("source_address_id"));
        Assert.Equal("100211", detection.Evidence("rule.id"));
    }

    [Fact]
    public void Parse_UsernameOffense_PutsTheUserInEvidenceNotAssets()
    {
        var item = Fixtures.Json("""{ "id": 5, "description": "Login failures", "offense_type": 3, "offense_source": "jdoe", "severity": 3 }""");

        var detection = Fixtures.Single(_format, item);

        Assert.Empty(detection.AssetRefs);
        Assert.Equal("jdoe", detection.Evidence("user.name"));
        Assert.Equal(DetectionSeverity.Low, detection.Severity);
    }

    [Theory]
    [InlineData(0, DetectionSeverity.Informational)]
    [InlineData(2, DetectionSeverity.Low)]
    [InlineData(5, DetectionSeverity.Medium)]
    [InlineData(7, DetectionSeverity.High)]
    [InlineData(10, DetectionSeverity.Critical)]
    public void Parse_SeverityZeroToTen_MapsOntoTheScale(int severity, DetectionSeverity expected)
    {
        var item = Fixtures.Json($$"""{ "id": 1, "offense_type": 1, "offense_source": "10.0.0.1", "severity": {{severity}} }""");

        Assert.Equal(expected, Fixtures.Single(_format, item).Severity);
    }

    [Fact]
    public void Parse_WithoutDescription_TitleNamesTheOffense()
    {
        var item = Fixtures.Json("""{ "id": 77, "offense_type": 7, "offense_source": "files-01" }""");

        var detection = Fixtures.Single(_format, item);

        Assert.Equal("QRadar offense 77", detection.Title);
        Assert.Equal(["files-01"], detection.AssetRefs);
    }

    [Fact]
    public void Parse_BadIdSeverityAndTime_ReportsEachField()
    {
        var item = Fixtures.Json("""{ "id": "abc", "offense_type": 0, "offense_source": "x", "severity": 11, "start_time": "2026-01-01" }""");

        var result = _format.Parse(item, "s", "$[1]");

        Assert.Equal(["$[1].id", "$[1].severity", "$[1].start_time"], result.Errors.Select(e => e.Field).Order());
    }
}
