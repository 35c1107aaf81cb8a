using BreachNotify.Detections;
using BreachNotify.Detections.Formats;

namespace BreachNotify.Tests.Detections;

public sealed class ElasticFormatTests
{
    private readonly ElasticFormat _format = new();

    [Fact]
    public void Unwrap_ConnectorBody_ReturnsEachAlert()
    {
        var alerts = _format.Unwrap(Fixtures.Siem("elastic-alert-bucket-access.json"));

        Assert.NotNull(alerts);
        var alert = Assert.Single(alerts);
        Assert.Equal("a1b2c3d4e5f6", alert.GetProperty("kibana.alert.uuid").GetString());
    }

    [Fact]
    public void Unwrap_BodyWithoutContextAlerts_IsNotClaimed()
    {
        Assert.Null(_format.Unwrap(Fixtures.Siem("elastic-alert-nested-ecs.json")));
        Assert.Null(_format.Unwrap(Fixtures.Siem("sentinel-incident-ransomware.json")));
        Assert.Null(_format.Unwrap(Fixtures.Json("""{ "context": { "alerts": "nope" } }""")));
        Assert.Null(_format.Unwrap(Fixtures.Json("""[ { "context": { "alerts": [] } } ]""")));
    }

    [Fact]
    public void Parse_FlattenedAlert_ReadsIdTitleSeverityStatusAndTime()
    {
        var alert = Assert.Single(_format.Unwrap(Fixtures.Siem("elastic-alert-bucket-access.json"))!);

        var detection = Fixtures.Single(_format, alert);

        Assert.Equal("elastic", detection.Format);
        Assert.Equal("a1b2c3d4e5f6", detection.SourceId);
        Assert.Equal("Unauthorized access to customer export storage", detection.Title);
        Assert.Equal(DetectionSeverity.High, detection.Severity);
        Assert.Equal("open", detection.SourceStatus);
        Assert.Equal(DateTimeOffset.Parse("2026-11-21T14:02:11Z"), detection.DetectedAt);
    }

    [Fact]
    public void Parse_FlattenedAlert_ServiceIsTheAssetAndPathLabelUserAndSourceIpAreEvidence()
    {
        var alert = Assert.Single(_format.Unwrap(Fixtures.Siem("elastic-alert-bucket-access.json"))!);

        var detection = Fixtures.Single(_format, alert);

        Assert.Equal(["ntc-exports.blob.core.windows.net"], detection.AssetRefs);
        Assert.Equal("/exports/fabrikam/2026-11-review-cycle.csv", detection.Evidence("file.path"));
        Assert.Equal("fabrikam", detection.Evidence("labels.customer"));
        Assert.Equal("svc-legacy-report", detection.Evidence("user.name"));
        Assert.Equal("198.51.100.23", detection.Evidence("source.ip"));
    }

    [Fact]
    public void Unwrap_AlertWithoutRuleName_GetsTheWrapperRuleName()
    {
        var body = Fixtures.Json("""
            { "rule": { "name": "From the wrapper" }, "context": { "alerts": [ { "kibana.alert.uuid": "x1", "kibana.alert.uuid": "x1" } ] } }
            """);

        var alert = Assert.Single(_format.Unwrap(body)!);

        Assert.Equal("From the wrapper", Fixtures.Single(_format, alert).Title);
    }

    [Fact]
    public void Parse_NestedEcsAlert_ReadsTheSameFieldsAsFlattened()
    {
        var item = Fixtures.Siem("elastic-alert-nested-ecs.json");
        Assert.True(_format.Recognizes(item));

        var detection = Fixtures.Single(_format, item);

        Assert.Equal("9f1e77aa3c0b4d6e8e2a", detection.SourceId);
        Assert.Equal("Bulk export copied to external host", detection.Title);
        Assert.Equal("Detects large export files read by a process that then connects outside.", detection.Description);
        Assert.Equal(DetectionSeverity.Critical, detection.Severity);
        Assert.Equal("acknowledged", detection.SourceStatus);
        Assert.Equal(DateTimeOffset.Parse("2026-11-22T10:15:42.120Z"), detection.DetectedAt);
        Assert.Equal(
            ["vm-export-02", "vm-export-02.ntc.internal", "10.20.5.7", "fe80::1", "203.0.113.99", "i-0abc123", "transfer.example.net"],
            detection.AssetRefs);
        Assert.Equal("tailspin", detection.Evidence("labels.customer"));
        Assert.Equal("prod", detection.Evidence("labels.env"));
        Assert.Equal("/data/exports/tailspin/full.csv", detection.Evidence("file.path"));
        Assert.Equal("111122223333", detection.Evidence("cloud.account.id"));
    }

    [Fact]
    public void Parse_NestedEcsAlert_ThreatFieldsAndRuleThreatBecomeCategories()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("elastic-alert-nested-ecs.json"));

        Assert.Equal(["Exfiltration", "TA0010", "T1048", "T1048.003"], detection.Categories);
    }

    [Fact]
    public void Parse_WithoutUuid_FallsBackToDocumentId()
    {
        var item = Fixtures.Json("""{ "_id": "doc-9", "kibana.alert.rule.name": "r" }""");

        Assert.Equal("doc-9", Fixtures.Single(_format, item).SourceId);
    }

    [Fact]
    public void Parse_MissingIdAndTitleAndBadSeverity_ReportsEachField()
    {
        var item = Fixtures.Json("""{ "kibana.alert.severity": "extreme", "kibana.alert.rule.uuid": "r" }""");

        var result = _format.Parse(item, "s", "$");

        Assert.Equal(["$.kibana.alert.rule.name", "$.kibana.alert.severity", "$.kibana.alert.uuid"], result.Errors.Select(e => e.Field).Order());
    }
}
