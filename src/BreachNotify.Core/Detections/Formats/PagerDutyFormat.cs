using System.Text.Json;

namespace BreachNotify.Detections.Formats;

/// <summary>
/// A PagerDuty Events API v2 event: <c>{ routing_key, event_action, dedup_key, payload: { summary, source, severity, ... } }</c>,
/// as a tool that speaks it would send it to PagerDuty.
/// </summary>
/// <remarks>
/// The id is <c>dedup_key</c>, which acknowledge and resolve must carry. A trigger without one gets
/// <c>"fp-" + the first 32 hex digits of SHA-256(summary + "\n" + source)</c>, so a resent trigger for the same problem
/// joins the first one (PagerDuty itself would open a new alert). <c>event_action</c> is the source status.
/// <c>routing_key</c> is the integration's secret and is never copied into the detection.
/// </remarks>
public sealed class PagerDutyFormat : IDetectionFormat
{
    private static readonly string[] Actions = ["trigger", "acknowledge", "resolve"];

    public string Name => DetectionFormats.PagerDuty;

    public bool Recognizes(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object
        && item.At("event_action") is { ValueKind: JsonValueKind.String } action
        && Actions.Contains(action.GetString(), StringComparer.OrdinalIgnoreCase)
        && (item.At("routing_key") is not null || item.At("payload") is not null || item.At("dedup_key") is not null);

    public DetectionParseResult Parse(JsonElement item, string source, string path)
    {
        var draft = new DetectionDraft(path);
        var action = draft.OptionalText(item, "event_action", 32)?.ToLowerInvariant();
        if (action is null || !Actions.Contains(action))
        {
            draft.Error("event_action", "required: trigger, acknowledge or resolve");
        }

        draft.SourceStatus = action;
        var dedupKey = draft.OptionalText(item, "dedup_key", JsonFields.MaxIdLength);
        var trigger = action == "trigger";
        if (dedupKey is null && action is "acknowledge" or "resolve")
        {
            draft.Error("dedup_key", $"required for {action}");
        }

        string? summary = null;
        string? eventSource = null;
        if (item.At("payload") is { ValueKind: JsonValueKind.Object } payload)
        {
            summary = draft.OptionalText(item, "payload.summary", JsonFields.MaxTitleLength);
            eventSource = draft.OptionalText(item, "payload.source", JsonFields.MaxIdLength);
            draft.DetectedAt = draft.OptionalTime(item, "payload.timestamp");
            ReadSeverity(item, trigger, draft);

            draft.Asset(eventSource);
            draft.Asset(draft.OptionalText(item, "payload.component", JsonFields.MaxIdLength));
            draft.Evidence("group", payload.Text("group"));
            draft.Category(payload.Text("class"));
            if (payload.At("custom_details") is { ValueKind: JsonValueKind.Object } details)
            {
                draft.EvidenceTree("", details);
            }
        }
        else if (trigger || item.At("payload") is { ValueKind: not JsonValueKind.Null })
        {
            draft.Error("payload", "required for trigger: an object with summary, source and severity");
        }

        if (trigger && item.At("payload") is { ValueKind: JsonValueKind.Object })
        {
            foreach (var field in new[] { "payload.summary", "payload.source" })
            {
                // A present but wrong value was reported by OptionalText already.
                if (item.At(field) is null or { ValueKind: JsonValueKind.Null })
                {
                    draft.Error(field, "required for trigger");
                }
            }
        }

        draft.Evidence("client", item.Text("client"));
        // The client is the monitoring tool that sent the event, not an affected asset.
        draft.Evidence("client_url", item.Text("client_url"));

        var sourceId = dedupKey ?? (summary is not null && eventSource is not null ? Fingerprint(summary, eventSource) : null);
        var title = summary ?? (dedupKey is null ? null : $"PagerDuty {action} {dedupKey}");
        return draft.Result(source, Name, sourceId, title);
    }

    private static void ReadSeverity(JsonElement item, bool required, DetectionDraft draft)
    {
        var text = draft.OptionalText(item, "payload.severity", 32);
        draft.Severity = text?.ToLowerInvariant() switch
        {
            "critical" => DetectionSeverity.Critical,
            "error" => DetectionSeverity.High,
            "warning" => DetectionSeverity.Medium,
            "info" => DetectionSeverity.Informational,
            _ => DetectionSeverity.Unknown,
        };

        var missing = item.At("payload.severity") is null or { ValueKind: JsonValueKind.Null };
        if (draft.Severity == DetectionSeverity.Unknown && (text is not null || (required && missing)))
        {
            draft.Error("payload.severity", "must be one of critical, error, warning, info");
        }
    }

    private static string Fingerprint(string summary, string eventSource) =>
        "fp-" + ContentFingerprint.Of($"{summary}\n{eventSource}")[..32];
}
