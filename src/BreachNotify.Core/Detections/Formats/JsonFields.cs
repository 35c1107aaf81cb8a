using System.Globalization;
using System.Text.Json;

namespace BreachNotify.Detections.Formats;

/// <summary>Small readers shared by the formats: dotted paths, lenient scalars, and the limits every untrusted string gets.</summary>
internal static class JsonFields
{
    public const int MaxIdLength = 256;
    public const int MaxTitleLength = 500;
    public const int MaxTextLength = 8_000;
    public const int MaxListItems = 200;

    /// <summary>The last millisecond <see cref="DateTimeOffset"/> can hold (9999-12-31T23:59:59.999Z).</summary>
    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    /// <summary>Follows a dotted path; a property whose own name contains dots (ECS flattened keys) is found too.</summary>
    public static JsonElement? At(this JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty(path, out var direct))
        {
            return direct;
        }

        var dot = path.IndexOf('.');
        while (dot > 0)
        {
            if (element.TryGetProperty(path[..dot], out var child) && child.At(path[(dot + 1)..]) is { } found)
            {
                return found;
            }

            dot = path.IndexOf('.', dot + 1);
        }

        return null;
    }

    public static string? Text(this JsonElement element, string path) => element.At(path) is { } value ? Scalar(value) : null;

    public static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => NullIfBlank(value.GetString()),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static IEnumerable<string> Strings(this JsonElement element, string path)
    {
        if (element.At(path) is not { } value)
        {
            yield break;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray().Take(MaxListItems))
            {
                if (Scalar(item) is { } text)
                {
                    yield return text;
                }
            }
        }
        else if (Scalar(value) is { } single)
        {
            yield return single;
        }
    }

    public static IEnumerable<JsonElement> Objects(this JsonElement element, string path)
    {
        if (element.At(path) is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var item in array.EnumerateArray().Take(MaxListItems))
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    yield return item;
                }
            }
        }
    }

    public static bool TryTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            // Epoch seconds or milliseconds, told apart by magnitude (ms since 1970 passed 10^11 in 1973).
            // Out-of-range numbers are refused here: FromUnixTime* would throw on untrusted input.
            if (number < 0 || number > MaxUnixMilliseconds)
            {
                return false;
            }

            time = number > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(number) : DateTimeOffset.FromUnixTimeSeconds(number);
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 1e11)
        {
            time = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    public static DetectionSeverity Severity(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => DetectionSeverity.Unknown,
        "informational" or "info" or "information" or "1" => DetectionSeverity.Informational,
        "low" or "2" => DetectionSeverity.Low,
        "medium" or "moderate" or "3" => DetectionSeverity.Medium,
        "high" or "4" => DetectionSeverity.High,
        "critical" or "fatal" or "5" or "6" => DetectionSeverity.Critical,
        _ => DetectionSeverity.Unknown,
    };

    /// <summary>Bounds a string and strips control characters (except none: titles and ids are one line).</summary>
    public static string Clean(string value, int maxLength)
    {
        Span<char> buffer = value.Length <= 1024 ? stackalloc char[value.Length] : new char[value.Length];
        var length = 0;
        foreach (var c in value)
        {
            if (!char.IsControl(c) || (maxLength >= MaxTextLength && c is '\n' or '\t'))
            {
                buffer[length++] = c;
            }
        }

        var cleaned = new string(buffer[..length]).Trim();
        return cleaned.Length <= maxLength ? cleaned : cleaned[..maxLength];
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
