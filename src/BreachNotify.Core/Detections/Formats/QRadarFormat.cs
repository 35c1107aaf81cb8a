using System.Globalization;
using System.Text.Json;

namespace BreachNotify.Detections.Formats;

/// <summary>An IBM QRadar offense as the REST API (<c>/siem/offenses</c>) and offense forwarding return it.</summary>
/// <remarks>
/// The id is the offense <c>id</c>. <c>offense_source</c> is an asset when the offense type names an address or host,
/// and evidence otherwise (a username, rule or event name is not an asset). <c>source_address_ids</c> and
/// <c>local_destination_address_ids</c> are only references to QRadar address records, not addresses, so they are
/// kept as evidence. <c>domain_id</c> is QRadar's tenant and is kept as evidence too.
/// </remarks>
public sealed class QRadarFormat : IDetectionFormat
{
    public string Name => DetectionFormats.QRadar;

    public bool Recognizes(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object
        && item.At("id") is not null
        && item.At("offense_source") is not null
        && (item.At("offense_type") is not null || item.At("magnitude") is not null);

    public DetectionParseResult Parse(JsonElement item, string source, string path)
    {
        var draft = new DetectionDraft(path);
        string? sourceId = null;
        if (item.At("id") is { ValueKind: JsonValueKind.Number } id && id.TryGetInt64(out var offenseId) && offenseId >= 0)
        {
            sourceId = offenseId.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            draft.Error("id", "required: the offense id, a non-negative integer");
        }

        var description = draft.OptionalText(item, "description", JsonFields.MaxTextLength);
        draft.Description = description;
        // QRadar builds descriptions from rule names joined by line breaks; the title keeps them as spaces.
        var title = description is null
            ? (sourceId is null ? null : $"QRadar offense {sourceId}")
            : string.Join(' ', description.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        draft.DetectedAt = EpochTime(item, "start_time", draft);
        if (EpochTime(item, "last_updated_time", draft) is { } updated)
        {
            draft.Evidence("last_updated_time", updated.ToString("O", CultureInfo.InvariantCulture));
        }

        draft.SourceStatus = draft.OptionalText(item, "status", 64);
        draft.Severity = ReadSeverity(item, draft);

        var offenseType = draft.OptionalInteger(item, "offense_type");
        var offenseSource = item.Text("offense_source");
        if (offenseType is null or 0 or 1 or 4 or 5 or 6 or 7 or 10 or 11)
        {
            draft.Asset(offenseSource);
        }
        else if (offenseType == 3)
        {
            draft.Evidence("user.name", offenseSource);
        }

        draft.Evidence("offense_source", offenseSource);
        draft.Evidence("offense_type", offenseType?.ToString(CultureInfo.InvariantCulture));

        draft.Categories(item.Strings("categories"));
        foreach (var network in item.Strings("destination_networks"))
        {
            // "other" is QRadar's name for any address outside the network hierarchy, not an asset.
            if (!string.Equals(network, "other", StringComparison.OrdinalIgnoreCase))
            {
                draft.Asset(network);
            }
        }

        draft.Evidence("source_network", item.Text("source_network"));
        draft.Evidence("source_address_id", item.Strings("source_address_ids"));
        draft.Evidence("local_destination_address_id", item.Strings("local_destination_address_ids"));
        draft.Evidence("domain_id", item.Text("domain_id"));
        draft.Evidence("magnitude", item.Text("magnitude"));
        draft.Evidence("event_count", item.Text("event_count"));
        draft.Evidence("closing_reason_id", item.Text("closing_reason_id"));
        foreach (var rule in item.Objects("rules"))
        {
            draft.Evidence("rule.id", rule.Text("id"));
        }

        foreach (var logSource in item.Objects("log_sources"))
        {
            draft.Evidence("log_source", logSource.Text("name"));
        }

        return draft.Result(source, Name, sourceId, title);
    }

    /// <summary>QRadar's 0-10 severity (magnitude when severity is absent) on the five-step scale.</summary>
    private static DetectionSeverity ReadSeverity(JsonElement item, DetectionDraft draft)
    {
        var field = item.At("severity") is not null ? "severity" : "magnitude";
        if (draft.OptionalInteger(item, field) is not { } value)
        {
            return DetectionSeverity.Unknown;
        }

        switch (value)
        {
            case < 0 or > 10:
                draft.Error(field, "must be 0-10");
                return DetectionSeverity.Unknown;
            case <= 1:
                return DetectionSeverity.Informational;
            case <= 3:
                return DetectionSeverity.Low;
            case <= 6:
                return DetectionSeverity.Medium;
            case <= 8:
                return DetectionSeverity.High;
            default:
                return DetectionSeverity.Critical;
        }
    }

    // QRadar sends times as JSON numbers (epoch milliseconds); anything else means the body is not what it claims.
    private static DateTimeOffset? EpochTime(JsonElement item, string field, DetectionDraft draft)
    {
        if (item.At(field) is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && JsonFields.TryTime(value.GetRawText(), out var time))
        {
            return time;
        }

        draft.Error(field, "must be epoch milliseconds");
        return null;
    }
}
