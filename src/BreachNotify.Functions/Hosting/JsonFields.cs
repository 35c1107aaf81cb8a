using System.Text.Json;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Optional fields of an API body, the one reading of every kind's request readers: absent and null are both "not given",
/// anything but the expected JSON type is wrong (the caller names the field).
/// </summary>
internal static class JsonFields
{
    public static bool TryString(JsonElement body, string name, out string? value)
    {
        value = null;
        if (!body.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (e.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = e.GetString();
        return true;
    }

    /// <summary>A list of at most <paramref name="maxItems"/> strings, each trimmed, without repeats (absent: empty).</summary>
    public static bool TryStrings(JsonElement body, string name, int maxItems, out IReadOnlyList<string> values)
    {
        values = [];
        if (!body.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() > maxItems || e.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
        {
            return false;
        }

        values = [.. e.EnumerateArray().Select(i => i.GetString()!.Trim()).Distinct(StringComparer.Ordinal)];
        return true;
    }
}
