using System.Text.Json;

namespace BreachNotify.Detections.Formats;

/// <summary>
/// What a format has read from one item so far: the errors (named by JSON path) and the lists, which are
/// cleaned, bounded and de-duplicated here once so every format treats untrusted strings the same way.
/// </summary>
internal sealed class DetectionDraft(string path)
{
    private readonly List<FieldError> _errors = [];
    private readonly List<string> _categories = [];
    private readonly HashSet<string> _categorySet = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _assets = [];
    private readonly HashSet<string> _assetSet = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EvidenceItem> _evidence = [];
    private readonly HashSet<EvidenceItem> _evidenceSet = [];
    private readonly List<string> _dataCategories = [];
    private readonly HashSet<string> _dataCategorySet = new(StringComparer.OrdinalIgnoreCase);

    public string? Description { get; set; }

    public DateTimeOffset? DetectedAt { get; set; }

    public DetectionSeverity Severity { get; set; }

    public string? SourceStatus { get; set; }

    public bool? SuspectedBreach { get; set; }

    public long? ApproxRecords { get; set; }

    /// <summary>The JSON path of <paramref name="field"/> inside this item.</summary>
    public string FieldPath(string field) => field.StartsWith('[') ? $"{path}{field}" : $"{path}.{field}";

    public void Error(string field, string message) => _errors.Add(new FieldError(FieldPath(field), message));

    /// <summary>Adds a category; a MITRE ATT&amp;CK tactic also brings its counterpart (name for id, id for name).</summary>
    public void Category(string? value)
    {
        if (!Add(value, JsonFields.MaxIdLength, _categories, _categorySet, out var cleaned))
        {
            return;
        }

        if (MitreTactics.Counterpart(cleaned) is { } counterpart)
        {
            Add(counterpart, JsonFields.MaxIdLength, _categories, _categorySet, out _);
        }
    }

    public void Categories(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Category(value);
        }
    }

    public void Asset(string? value) => Add(value, JsonFields.MaxIdLength, _assets, _assetSet, out _);

    public void Assets(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Asset(value);
        }
    }

    /// <summary>A URL names its host as an asset; the full URL is kept as evidence under <paramref name="name"/>.</summary>
    public void Url(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        Evidence(name, value);
        if (HostOf(value) is { } host)
        {
            Asset(host);
        }
    }

    public void Evidence(string name, string? value)
    {
        if (_evidence.Count >= JsonFields.MaxListItems || string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var cleanName = JsonFields.Clean(name, JsonFields.MaxIdLength);
        var cleanValue = JsonFields.Clean(value, JsonFields.MaxTitleLength);
        if (cleanName.Length > 0 && cleanValue.Length > 0)
        {
            var item = new EvidenceItem(cleanName, cleanValue);
            if (_evidenceSet.Add(item))
            {
                _evidence.Add(item);
            }
        }
    }

    public void Evidence(string name, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Evidence(name, value);
        }
    }

    /// <summary>Every scalar leaf of <paramref name="value"/> as evidence, named by its dotted path below <paramref name="name"/>.</summary>
    public void EvidenceTree(string name, JsonElement value, int depth = 3)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when depth > 0:
                foreach (var property in value.EnumerateObject().Take(JsonFields.MaxListItems))
                {
                    EvidenceTree(name.Length == 0 ? property.Name : $"{name}.{property.Name}", property.Value, depth - 1);
                }

                break;
            case JsonValueKind.Array:
                foreach (var element in value.EnumerateArray().Take(JsonFields.MaxListItems))
                {
                    Evidence(name, JsonFields.Scalar(element));
                }

                break;
            default:
                Evidence(name, JsonFields.Scalar(value));
                break;
        }
    }

    public void DataCategory(string? value) => Add(value, JsonFields.MaxIdLength, _dataCategories, _dataCategorySet, out _);

    /// <summary>A required, non-blank id: a string, or an integer (QRadar offense ids are numbers).</summary>
    public string? RequiredId(JsonElement item, string field)
    {
        var value = item.At(field);
        var text = value?.ValueKind switch
        {
            JsonValueKind.String => value.Value.GetString(),
            JsonValueKind.Number when value.Value.TryGetInt64(out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
        var cleaned = text is null ? "" : JsonFields.Clean(text, JsonFields.MaxIdLength);
        if (cleaned.Length == 0)
        {
            Error(field, "required: a non-empty string id");
            return null;
        }

        return cleaned;
    }

    /// <summary>An optional string; present with another JSON type is an error.</summary>
    public string? OptionalText(JsonElement item, string field, int maxLength)
    {
        if (item.At(field) is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Error(field, "must be a string");
            return null;
        }

        var cleaned = JsonFields.Clean(value.GetString()!, maxLength);
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>An optional time: ISO 8601 text, or epoch seconds/milliseconds as a number or numeric text.</summary>
    public DateTimeOffset? OptionalTime(JsonElement item, string field)
    {
        if (item.At(field) is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? JsonFields.Scalar(value) : null;
        if (JsonFields.TryTime(text, out var time))
        {
            return time;
        }

        Error(field, "must be a time (ISO 8601 or epoch seconds/milliseconds)");
        return null;
    }

    /// <summary>An optional integer; present with another JSON type is an error.</summary>
    public long? OptionalInteger(JsonElement item, string field)
    {
        if (item.At(field) is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        Error(field, "must be an integer");
        return null;
    }

    public bool? OptionalBoolean(JsonElement item, string field)
    {
        if (item.At(field) is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Error(field, "must be true or false");
        return null;
    }

    /// <summary>The result: the one detection, or every error collected on the way.</summary>
    public DetectionParseResult Result(string source, string format, string? sourceId, string? title)
    {
        var cleanTitle = title is null ? "" : JsonFields.Clean(title, JsonFields.MaxTitleLength);
        if (_errors.Count > 0 || sourceId is null || cleanTitle.Length == 0)
        {
            return DetectionParseResult.Invalid(_errors.Count > 0 ? _errors : [new FieldError(path, "no id or no printable title")]);
        }

        return DetectionParseResult.Success([new NormalizedDetection
        {
            Source = source,
            Format = format,
            SourceId = sourceId,
            Title = cleanTitle,
            Description = Description is null ? null : JsonFields.Clean(Description, JsonFields.MaxTextLength),
            DetectedAt = DetectedAt,
            Severity = Severity,
            SourceStatus = SourceStatus is null ? null : JsonFields.Clean(SourceStatus, 64),
            Categories = [.. _categories],
            AssetRefs = [.. _assets],
            Evidence = [.. _evidence],
            SuspectedBreach = SuspectedBreach,
            DataCategories = [.. _dataCategories],
            ApproxRecords = ApproxRecords,
        }]);
    }

    /// <summary>The host of an absolute URL, or of a scheme-less one such as <c>exports.example.com/path</c>.</summary>
    public static string? HostOf(string url)
    {
        var text = url.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host) ? uri.Host : null;
    }

    private static bool Add(string? value, int maxLength, List<string> list, HashSet<string> seen, out string cleaned)
    {
        cleaned = "";
        if (list.Count >= JsonFields.MaxListItems || string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        cleaned = JsonFields.Clean(value, maxLength);
        if (cleaned.Length == 0 || !seen.Add(cleaned))
        {
            return false;
        }

        list.Add(cleaned);
        return true;
    }
}
