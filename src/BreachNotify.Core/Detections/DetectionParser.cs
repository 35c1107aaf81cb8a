using System.Text.Json;

namespace BreachNotify.Detections;

/// <summary>
/// Turns a posted body into normalized detections: finds the items (array, wrapper or single object),
/// recognises each item's format unless one is forced, and collects every error before answering.
/// </summary>
public sealed class DetectionParser(IEnumerable<IDetectionFormat> formats)
{
    /// <summary>More items than this in one body is refused rather than half-processed.</summary>
    public const int MaxItemsPerBody = 500;

    private readonly IReadOnlyList<IDetectionFormat> _formats = [.. formats];

    public IReadOnlyList<string> FormatNames => [.. _formats.Select(f => f.Name)];

    public DetectionParseResult Parse(JsonElement body, string source, string? forcedFormat = null)
    {
        IDetectionFormat? forced = null;
        if (!string.IsNullOrWhiteSpace(forcedFormat))
        {
            forced = _formats.FirstOrDefault(f => string.Equals(f.Name, forcedFormat, StringComparison.OrdinalIgnoreCase));
            if (forced is null)
            {
                return DetectionParseResult.Invalid("format", $"unknown format '{Truncate(forcedFormat)}'; supported: {string.Join(", ", FormatNames)}");
            }
        }

        if (JsonText.FirstUnreadable(body) is { } unreadable)
        {
            return DetectionParseResult.Invalid(unreadable, JsonText.Problem);
        }

        var items = Items(body, forced);
        if (items.Count == 0)
        {
            return DetectionParseResult.Invalid("$", "the body holds no detection");
        }

        if (items.Count > MaxItemsPerBody)
        {
            return DetectionParseResult.Invalid("$", $"at most {MaxItemsPerBody} detections per request");
        }

        var detections = new List<NormalizedDetection>(items.Count);
        var errors = new List<FieldError>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = items.Count == 1 ? "$" : $"$[{i}]";
            var item = items[i];
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError(path, "must be a JSON object"));
                continue;
            }

            var format = forced ?? _formats.FirstOrDefault(f => f.Recognizes(item));
            if (format is null)
            {
                errors.Add(new FieldError(path, $"not a detection in any supported format ({string.Join(", ", FormatNames)})"));
                continue;
            }

            var result = format.Parse(item, source, path);
            if (result.IsValid)
            {
                detections.AddRange(result.Detections);
            }
            else
            {
                errors.AddRange(result.Errors);
            }
        }

        return errors.Count > 0 ? DetectionParseResult.Invalid(errors) : DetectionParseResult.Success(detections);
    }

    private List<JsonElement> Items(JsonElement body, IDetectionFormat? forced)
    {
        foreach (var format in forced is null ? _formats : [forced])
        {
            if (format.Unwrap(body) is { } unwrapped)
            {
                return [.. unwrapped];
            }
        }

        if (body.ValueKind == JsonValueKind.Array)
        {
            var items = new List<JsonElement>();
            foreach (var element in body.EnumerateArray())
            {
                var inner = element.ValueKind == JsonValueKind.Object ? Items(element, forced) : [element];
                items.AddRange(inner);
            }

            return items;
        }

        return [body];
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40];
}
