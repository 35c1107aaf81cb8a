using System.Text.Json;

namespace BreachNotify.Detections.Formats;

/// <summary>
/// Splunk's webhook alert action: <c>{ sid, search_name, app, owner, results_link, result: { first result row } }</c>.
/// </summary>
/// <remarks>
/// The id is the search job's <c>sid</c>: the payload carries nothing else that names the alert, so every firing of a
/// scheduled search is its own detection. <c>result</c> is whatever the search outputs, so its fields are read by the
/// common Splunk CIM / ES names and every scalar in it is kept as evidence. <c>src</c>/<c>src_ip</c> is the other side
/// (the attacker in most searches), so it is evidence only, never an asset. The search name is a title, not a category.
/// </remarks>
public sealed class SplunkFormat : IDetectionFormat
{
    private static readonly string[] AssetFields = ["host", "dest", "dest_host", "dest_nt_host", "dest_ip", "dest_dns", "dvc", "dvc_host"];

    private static readonly string[] CategoryFields =
    [
        "category", "signature", "tactic", "mitre_tactic", "mitre_tactic_id", "technique", "mitre_technique", "mitre_technique_id",
        "technique_id", "annotations.mitre_attack", "annotations.mitre_attack.mitre_tactic", "annotations.mitre_attack.mitre_tactic_id",
        "annotations.mitre_attack.mitre_technique_id",
    ];

    public string Name => DetectionFormats.Splunk;

    public bool Recognizes(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object
        && item.At("sid") is { ValueKind: JsonValueKind.String }
        && item.At("result") is { ValueKind: JsonValueKind.Object or JsonValueKind.Null };

    public DetectionParseResult Parse(JsonElement item, string source, string path)
    {
        var draft = new DetectionDraft(path);
        var sid = draft.RequiredId(item, "sid");
        var searchName = draft.OptionalText(item, "search_name", JsonFields.MaxTitleLength);

        if (item.At("result") is not { ValueKind: JsonValueKind.Object } result)
        {
            draft.Error("result", "required: the alert's result object");
            return draft.Result(source, Name, sid, searchName);
        }

        draft.DetectedAt = draft.OptionalTime(item, "result._time");
        draft.Severity = SplunkSeverity(result.Text("severity") ?? result.Text("urgency"));
        draft.SourceStatus = result.Text("status");
        draft.Description = result.Text("description");

        foreach (var field in AssetFields)
        {
            draft.Assets(result.Strings(field));
        }

        foreach (var url in result.Strings("url"))
        {
            draft.Url("url", url);
        }

        foreach (var field in CategoryFields)
        {
            draft.Categories(result.Strings(field));
        }

        draft.Evidence("splunk.app", item.Text("app"));
        draft.Evidence("splunk.owner", item.Text("owner"));
        draft.Evidence("results_link", item.Text("results_link"));
        foreach (var property in result.EnumerateObject().Take(JsonFields.MaxListItems))
        {
            // Splunk's internal fields (_time, _raw, _cd...) are not facts about the alert.
            if (!property.Name.StartsWith('_') && property.Name != "url")
            {
                draft.EvidenceTree(property.Name, property.Value, depth: 1);
            }
        }

        var title = searchName ?? result.Text("signature") ?? (sid is null ? null : $"Splunk alert {sid}");
        return draft.Result(source, Name, sid, title);
    }

    /// <summary>ES urgency/severity words, and the syslog-like words some searches use; anything else is unknown, not an error.</summary>
    private static DetectionSeverity SplunkSeverity(string? text) => JsonFields.Severity(text) switch
    {
        DetectionSeverity.Unknown => text?.Trim().ToLowerInvariant() switch
        {
            "debug" => DetectionSeverity.Informational,
            "warn" or "warning" => DetectionSeverity.Medium,
            "error" or "severe" => DetectionSeverity.High,
            _ => DetectionSeverity.Unknown,
        },
        var known => known,
    };
}
