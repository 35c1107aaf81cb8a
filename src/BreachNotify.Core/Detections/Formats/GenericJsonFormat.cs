using System.Text.Json;

namespace BreachNotify.Detections.Formats;

/// <summary>
/// The product's own JSON: <c>externalId</c>, <c>title</c>, <c>assets[]</c> and optional <c>description</c>,
/// <c>detectedAt</c>, <c>severity</c>, <c>category</c>/<c>categories[]</c>, <c>dataCategories[]</c>, <c>approxRecords</c>,
/// <c>status</c>, <c>evidence{}</c>, and <c>source: "subprocessor:ID"</c> when a sub-processor reports.
/// </summary>
public sealed class GenericJsonFormat : IDetectionFormat
{
    private const string SubprocessorPrefix = "subprocessor:";

    public string Name => DetectionFormats.Generic;

    public bool Recognizes(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("externalId", out _) && item.TryGetProperty("title", out _);

    public DetectionParseResult Parse(JsonElement item, string source, string path)
    {
        var errors = new List<FieldError>();
        var externalId = Required(item, "externalId", JsonFields.MaxIdLength, path, errors);
        var title = Required(item, "title", JsonFields.MaxTitleLength, path, errors);

        // The product's own format refuses what does not fit rather than dropping it silently: every list is capped.
        foreach (var list in (string[])["assets", "categories", "dataCategories", "evidence"])
        {
            if (item.At(list) is { } value && Count(value) > JsonFields.MaxListItems)
            {
                errors.Add(new FieldError($"{path}.{list}", $"at most {JsonFields.MaxListItems} items"));
            }
        }

        var assets = new List<string>();
        if (item.At("assets") is not { ValueKind: JsonValueKind.Array } assetArray || assetArray.GetArrayLength() == 0)
        {
            errors.Add(new FieldError($"{path}.assets", "required: a non-empty array of asset names"));
        }
        else if (assetArray.GetArrayLength() <= JsonFields.MaxListItems)
        {
            var index = 0;
            foreach (var asset in assetArray.EnumerateArray())
            {
                if (asset.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(asset.GetString()))
                {
                    errors.Add(new FieldError($"{path}.assets[{index}]", "must be a non-empty string"));
                }
                else
                {
                    assets.Add(JsonFields.Clean(asset.GetString()!, JsonFields.MaxIdLength));
                }

                index++;
            }
        }

        DateTimeOffset? detectedAt = null;
        if (item.Text("detectedAt") is { } detectedText)
        {
            if (JsonFields.TryTime(detectedText, out var parsed))
            {
                detectedAt = parsed;
            }
            else
            {
                errors.Add(new FieldError($"{path}.detectedAt", "must be an ISO 8601 time"));
            }
        }

        var severityText = item.Text("severity");
        var severity = JsonFields.Severity(severityText);
        if (severityText is not null && severity == DetectionSeverity.Unknown)
        {
            errors.Add(new FieldError($"{path}.severity", "must be one of informational, low, medium, high, critical"));
        }

        long? approxRecords = null;
        if (item.At("approxRecords") is { } records)
        {
            if (records.ValueKind == JsonValueKind.Number && records.TryGetInt64(out var count) && count >= 0)
            {
                approxRecords = count;
            }
            else
            {
                errors.Add(new FieldError($"{path}.approxRecords", "must be a non-negative integer"));
            }
        }

        string? reporter = null;
        if (item.Text("source") is { } declaredSource && declaredSource.StartsWith(SubprocessorPrefix, StringComparison.OrdinalIgnoreCase))
        {
            reporter = JsonFields.Clean(declaredSource[SubprocessorPrefix.Length..], JsonFields.MaxIdLength);
        }

        if (errors.Count > 0)
        {
            return DetectionParseResult.Invalid(errors);
        }

        var evidence = new List<EvidenceItem>();
        if (item.At("evidence") is { ValueKind: JsonValueKind.Object } evidenceObject)
        {
            foreach (var property in evidenceObject.EnumerateObject().Take(JsonFields.MaxListItems))
            {
                if (JsonFields.Scalar(property.Value) is { } value)
                {
                    evidence.Add(new EvidenceItem(JsonFields.Clean(property.Name, JsonFields.MaxIdLength), JsonFields.Clean(value, JsonFields.MaxTitleLength)));
                }
            }
        }

        return DetectionParseResult.Success([new NormalizedDetection
        {
            Source = source,
            Format = Name,
            SourceId = externalId!,
            Title = title!,
            Description = item.Text("description") is { } d ? JsonFields.Clean(d, JsonFields.MaxTextLength) : null,
            DetectedAt = detectedAt,
            Severity = severity,
            SourceStatus = item.Text("status") is { } s ? JsonFields.Clean(s, 64) : null,
            Categories = [.. item.Strings("category").Concat(item.Strings("categories")).Select(c => JsonFields.Clean(c, JsonFields.MaxIdLength))],
            AssetRefs = assets,
            Evidence = evidence,
            ReportedBySubprocessor = reporter,
            DataCategories = [.. item.Strings("dataCategories").Select(c => JsonFields.Clean(c, JsonFields.MaxIdLength))],
            ApproxRecords = approxRecords,
        }]);
    }

    private static int Count(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.GetArrayLength(),
        JsonValueKind.Object => value.EnumerateObject().Count(),
        _ => 1,
    };

    private static string? Required(JsonElement item, string name, int maxLength, string path, List<FieldError> errors)
    {
        if (item.At(name) is not { ValueKind: JsonValueKind.String } value || string.IsNullOrWhiteSpace(value.GetString()))
        {
            errors.Add(new FieldError($"{path}.{name}", "required: a non-empty string"));
            return null;
        }

        var text = JsonFields.Clean(value.GetString()!, maxLength);
        if (text.Length == 0)
        {
            errors.Add(new FieldError($"{path}.{name}", "must contain printable characters"));
            return null;
        }

        return text;
    }
}
