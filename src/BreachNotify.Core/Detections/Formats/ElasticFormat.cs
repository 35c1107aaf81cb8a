using System.Buffers;
using System.Text.Json;

namespace BreachNotify.Detections.Formats;

/// <summary>
/// Elastic Security alerts: the Kibana webhook connector body (<c>{ rule, context: { alerts: [] } }</c>), or one bare
/// alert document. ECS fields may be flattened (<c>"kibana.alert.uuid"</c>) or nested; <see cref="JsonFields.At"/> reads both.
/// </summary>
/// <remarks>
/// The id is <c>kibana.alert.uuid</c>, falling back to the document <c>_id</c>. <c>source.ip</c> is the other side of the
/// activity and is evidence, not an asset; <c>file.path</c> and <c>labels.*</c> are evidence that can narrow the customers.
/// </remarks>
public sealed class ElasticFormat : IDetectionFormat
{
    private const string RuleNameField = "kibana.alert.rule.name";

    private static readonly string[] AssetFields =
    [
        "host.name", "host.hostname", "host.ip", "destination.ip", "destination.domain", "destination.address", "server.domain",
        "cloud.service.name", "cloud.instance.id", "cloud.instance.name", "url.domain",
    ];

    private static readonly string[] EvidenceFields =
    [
        "file.path", "file.name", "user.name", "user.email", "user.domain", "source.ip", "source.domain", "event.action", "event.outcome",
        "event.dataset", "cloud.account.id", "cloud.account.name", "cloud.provider", "organization.id", "organization.name",
        "kibana.alert.rule.rule_id", "kibana.alert.risk_score", "kibana.alert.reason",
    ];

    public string Name => DetectionFormats.Elastic;

    public bool Recognizes(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object
        && (item.At("kibana.alert.uuid") is not null || item.At("kibana.alert.rule.uuid") is not null || item.At(RuleNameField) is not null);

    /// <summary>
    /// Claims only a connector body with an array at <c>context.alerts</c>. Each alert gets the wrapper's <c>rule.name</c>
    /// as <c>kibana.alert.rule.name</c> when it lacks its own, because the items are parsed without the wrapper.
    /// </summary>
    public IReadOnlyList<JsonElement>? Unwrap(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || body.At("context.alerts") is not { ValueKind: JsonValueKind.Array } alerts)
        {
            return null;
        }

        var ruleName = body.Text("rule.name");
        var items = new List<JsonElement>();
        foreach (var alert in alerts.EnumerateArray())
        {
            items.Add(ruleName is not null && alert.ValueKind == JsonValueKind.Object && alert.At(RuleNameField) is null
                ? WithRuleName(alert, ruleName)
                : alert);
        }

        return items;
    }

    public DetectionParseResult Parse(JsonElement item, string source, string path)
    {
        var draft = new DetectionDraft(path);
        var idField = item.At("kibana.alert.uuid") is not null || item.At("_id") is null ? "kibana.alert.uuid" : "_id";
        var sourceId = draft.RequiredId(item, idField);

        var title = draft.OptionalText(item, RuleNameField, JsonFields.MaxTitleLength) ?? item.Text("rule.name");
        if (title is null)
        {
            draft.Error(RuleNameField, "required: the rule name (kibana.alert.rule.name, or rule.name in the connector body)");
        }

        draft.Description = item.Text("kibana.alert.rule.description") ?? item.Text("kibana.alert.reason");
        draft.DetectedAt = draft.OptionalTime(item, "@timestamp") ?? draft.OptionalTime(item, "kibana.alert.start");
        draft.SourceStatus = draft.OptionalText(item, "kibana.alert.workflow_status", 64);
        if (draft.OptionalText(item, "kibana.alert.severity", 64) is { } severityText)
        {
            draft.Severity = JsonFields.Severity(severityText);
            if (draft.Severity == DetectionSeverity.Unknown)
            {
                draft.Error("kibana.alert.severity", "must be one of low, medium, high, critical");
            }
        }

        foreach (var field in AssetFields)
        {
            draft.Assets(item.Strings(field));
        }

        foreach (var url in item.Strings("url.full"))
        {
            draft.Url("url.full", url);
        }

        foreach (var field in EvidenceFields)
        {
            draft.Evidence(field, item.Strings(field));
        }

        ReadLabels(item, draft);
        ReadThreat(item, draft);
        return draft.Result(source, Name, sourceId, title);
    }

    /// <summary>ECS <c>labels</c> as flattened keys (<c>"labels.customer"</c>) or a nested object.</summary>
    private static void ReadLabels(JsonElement item, DetectionDraft draft)
    {
        foreach (var property in item.EnumerateObject().Take(JsonFields.MaxListItems * 5))
        {
            if (property.Name.StartsWith("labels.", StringComparison.Ordinal))
            {
                draft.EvidenceTree(property.Name, property.Value, depth: 1);
            }
            else if (property.Name == "labels" && property.Value.ValueKind == JsonValueKind.Object)
            {
                draft.EvidenceTree("labels", property.Value, depth: 2);
            }
        }
    }

    /// <summary>ECS <c>threat.*</c> of the event and the rule's <c>kibana.alert.rule.threat[]</c> mapping.</summary>
    private static void ReadThreat(JsonElement item, DetectionDraft draft)
    {
        draft.Categories(item.Strings("threat.tactic.name"));
        draft.Categories(item.Strings("threat.tactic.id"));
        draft.Categories(item.Strings("threat.technique.id"));
        draft.Categories(item.Strings("threat.technique.subtechnique.id"));

        var ruleThreats = item.Objects("kibana.alert.rule.threat").Concat(item.Objects("signal.rule.threat"));
        foreach (var threat in ruleThreats)
        {
            draft.Category(threat.Text("tactic.name"));
            draft.Category(threat.Text("tactic.id"));
            foreach (var technique in threat.Objects("technique"))
            {
                draft.Category(technique.Text("id"));
                foreach (var subtechnique in technique.Objects("subtechnique"))
                {
                    draft.Category(subtechnique.Text("id"));
                }
            }
        }
    }

    // Copies the alert property by property (duplicate keys and all) and appends the rule name.
    private static JsonElement WithRuleName(JsonElement alert, string ruleName)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = 1_000, SkipValidation = true }))
        {
            writer.WriteStartObject();
            foreach (var property in alert.EnumerateObject())
            {
                property.WriteTo(writer);
            }

            writer.WriteString(RuleNameField, ruleName);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 1_000 });
        return document.RootElement.Clone();
    }
}
