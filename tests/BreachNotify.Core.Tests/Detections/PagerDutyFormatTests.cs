using BreachNotify.Detections;
using BreachNotify.Detections.Formats;

namespace BreachNotify.Tests.Detections;

public sealed class PagerDutyFormatTests
{
    private readonly PagerDutyFormat _format = new();

    [Fact]
    public void Parse_Trigger_ReadsDedupKeySummarySeverityTimeAndAction()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("pagerduty-trigger-db-exposure.json"));

        Assert.Equal("pagerduty", detection.Format);
        Assert.Equal("dbexposure-sqlprod-eu-01", detection.SourceId);
        Assert.Equal("Database sqlprod-eu-01 reachable from the internet", detection.Title);
        Assert.Equal(DetectionSeverity.Critical, detection.Severity);
        Assert.Equal("trigger", detection.SourceStatus);
        Assert.Equal(DateTimeOffset.Parse("2026-11-22T06:30:00Z"), detection.DetectedAt);
        Assert.Equal(["exposure"], detection.Categories);
    }

    [Fact]
    public void Parse_Trigger_SourceAndComponentAreAssetsCustomDetailsAreEvidenceRoutingKeyIsDropped()
    {
        var detection = Fixtures.Single(_format, Fixtures.Siem("pagerduty-trigger-db-exposure.json"));

        Assert.Equal(["sqlprod-eu-01.database.windows.net", "customer-db"], detection.AssetRefs);
        Assert.Equal("contoso", detection.Evidence("tenant"));
        Assert.Equal("contoso", detection.Evidence("labels.customer"));
        Assert.Equal("1433", detection.Evidence("open_ports"));
        Assert.Equal("prod-eu", detection.Evidence("group"));
        Assert.Null(detection.Evidence("ticket"));
        Assert.DoesNotContain(detection.Evidence, e => e.Value.Contains("R0123456789", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_Resolve_JoinsTheTriggerByDedupKey()
    {
        var trigger = Fixtures.Single(_format, Fixtures.Siem("pagerduty-trigger-db-exposure.json"));
        var resolve = Fixtures.Single(_format, Fixtures.Siem("pagerduty-resolve-db-exposure.json"));

        Assert.Equal(trigger.SourceId, resolve.SourceId);
        Assert.Equal("resolve", resolve.SourceStatus);
        Assert.Equal("PagerDuty resolve dbexposure-sqlprod-eu-01", resolve.Title);
    }

    [Fact]
    public void Parse_TriggerWithoutDedupKey_GetsTheSameFingerprintIdForTheSameSummaryAndSource()
    {
        const string Body = """{ "routing_key": "k", "event_action": "trigger", "payload": { "summary": "Disk full", "source": "db-1", "severity": "warning" } }""";

        var first = Fixtures.Single(_format, Fixtures.Json(Body));
        var again = Fixtures.Single(_format, Fixtures.Json(Body));
        var other = Fixtures.Single(_format, Fixtures.Json(Body.Replace("db-1", "db-2", StringComparison.Ordinal)));

        Assert.StartsWith("fp-", first.SourceId, StringComparison.Ordinal);
        Assert.Equal(35, first.SourceId.Length);
        Assert.Equal(first.SourceId, again.SourceId);
        Assert.NotEqual(first.SourceId, other.SourceId);
        Assert.Equal(DetectionSeverity.Medium, first.Severity);
    }

    [Fact]
    public void Parse_AcknowledgeWithoutDedupKey_IsAnError()
    {
        var result = _format.Parse(Fixtures.Json("""{ "routing_key": "k", "event_action": "acknowledge" }"""), "s", "$");

        Assert.Equal("$.dedup_key", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Parse_TriggerMissingSummarySourceAndSeverity_ReportsEachField()
    {
        var result = _format.Parse(Fixtures.Json("""{ "routing_key": "k", "event_action": "trigger", "payload": { "timestamp": "later" } }"""), "s", "$");

        Assert.Equal(
            ["$.payload.severity", "$.payload.source", "$.payload.summary", "$.payload.timestamp"],
            result.Errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Parse_TriggerWithoutPayload_IsAnError()
    {
        var result = _format.Parse(Fixtures.Json("""{ "routing_key": "k", "event_action": "trigger", "dedup_key": "d" }"""), "s", "$");

        Assert.Equal("$.payload", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Recognizes_KnownEventActionsOnly()
    {
        Assert.True(_format.Recognizes(Fixtures.Siem("pagerduty-resolve-db-exposure.json")));
        Assert.False(_format.Recognizes(Fixtures.Json("""{ "routing_key": "k", "event_action": "explode" }""")));
        Assert.False(_format.Recognizes(Fixtures.Json("""{ "event_action": "trigger" }""")));
    }
}
