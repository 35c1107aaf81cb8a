using BreachNotify.Detections;
using BreachNotify.Detections.Formats;

namespace BreachNotify.Tests.Detections;

public sealed class SentinelFormatTests
{
    private readonly SentinelFormat _format = new();

    [Fact]
    public void Parse_AutomationPayload_UsesIncidentNameAsIdAndReadsProperties()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("sentinel-incident-ransomware.json"));

        Assert.Equal("sentinel", detection.Format);
        Assert.Equal("5b2f0c5e-1111-4c1a-9d2e-000000000042", detection.SourceId);
        Assert.Equal("Ransomware activity encrypting files on exports-share", detection.Title);
        Assert.Equal("Mass file renames with .locked extension on the customer export share.", detection.Description);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T08:15:00Z"), detection.DetectedAt);
        Assert.Equal(DetectionSeverity.High, detection.Severity);
        Assert.Equal("New", detection.SourceStatus);
        Assert.Equal("4211", detection.Evidence("incidentNumber"));
        Assert.Equal("ntc-soc", detection.Evidence("workspace"));
    }

    [Fact]
    public void Parse_AutomationPayload_LabelsTacticsAndTechniquesBecomeCategoriesWithTacticIds()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("sentinel-incident-ransomware.json"));

        Assert.Equal(["ransomware", "Impact", "TA0040", "T1486"], detection.Categories);
    }

    [Fact]
    public void Parse_AutomationPayload_EntitiesNameHostFqdnShareAndResource()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("sentinel-incident-ransomware.json"));

        Assert.Equal(["files-01", "files-01.ntc.internal", "exports-share", "ntc-exports.blob.core.windows.net"], detection.AssetRefs);
    }

    [Fact]
    public void Parse_LaterStateOfTheSameIncident_KeepsTheIdAndChangesStatus()
    {
        var first = Fixtures.Single(_format, Fixtures.Siem("sentinel-incident-ransomware.json"));
        var update = Fixtures.Single(_format, Fixtures.Siem("sentinel-incident-ransomware-update.json"));

        Assert.Equal(first.SourceId, update.SourceId);
        Assert.Equal("Active", update.SourceStatus);
        Assert.Equal(["exports-share"], update.AssetRefs);
        Assert.NotEqual(first.Fingerprint(), update.Fingerprint());
    }

    [Fact]
    public void Parse_BareIncidentResource_ReadsPropertiesAndEntitiesInsideProperties()
    {
        var item = Fixtures.Siem("sentinel-incident-bare.json");
        Assert.True(_format.Recognizes(item));

        var detection = Fixtures.Single(_format, item);

        Assert.Equal("7c4d1a90-2222-4e3b-8f10-000000000077", detection.SourceId);
        Assert.Equal("Mailbox forwarding rule exfiltrating HR mail", detection.Title);
        Assert.Equal(DetectionSeverity.Medium, detection.Severity);
        Assert.Equal("Closed", detection.SourceStatus);
        Assert.Equal(["bec", "Collection", "TA0009", "Exfiltration", "TA0010", "T1114"], detection.Categories);
        Assert.Equal(["hr@ntc.example", "mail-collector.example.org", "203.0.113.45"], detection.AssetRefs);
        Assert.Equal("https://mail-collector.example.org/in", detection.Evidence("url"));
        Assert.Equal("hr@ntc.example", detection.Evidence("user.name"));
        Assert.Equal("TruePositive", detection.Evidence("classification"));
    }

    [Fact]
    public void Parse_WithoutName_TakesTheGuidFromTheResourceId()
    {
        var item = Fixtures.Json("""
            { "object": { "id": "/subscriptions/0/providers/Microsoft.SecurityInsights/Incidents/abc-123", "properties": { "title": "t" } } }
            """);

        Assert.Equal("abc-123", Fixtures.Single(_format, item).SourceId);
    }

    [Fact]
    public void Parse_MissingNameAndTitleAndBadSeverity_ReportsEveryField()
    {
        var item = Fixtures.Json("""{ "object": { "properties": { "severity": "Apocalyptic", "createdTimeUtc": "not a time" } } }""");

        var result = _format.Parse(item, "s", "$");

        Assert.Equal(
            ["$.object.name", "$.object.properties.createdTimeUtc", "$.object.properties.severity", "$.object.properties.title"],
            result.Errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Recognizes_ObjectWrapperOrBareIncident_ButNotOtherArmResources()
    {
        Assert.True(_format.Recognizes(Fixtures.Siem("sentinel-incident-ransomware.json")));
        Assert.False(_format.Recognizes(Fixtures.Json("""{ "name": "vm1", "type": "Microsoft.Compute/virtualMachines", "properties": { "title": "x" } }""")));
        Assert.False(_format.Recognizes(Fixtures.Json("""{ "externalId": "x", "title": "y" }""")));
    }
}
