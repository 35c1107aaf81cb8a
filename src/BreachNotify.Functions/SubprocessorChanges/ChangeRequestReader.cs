using System.Globalization;
using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>Turns the announcement body into a <see cref="SubprocessorChange"/>, or the first field that is wrong.</summary>
internal static class ChangeRequestReader
{
    public const int MaxListItems = 100;

    public static (SubprocessorChange? Change, FieldError? Error) Read(JsonElement body)
    {
        if (!TryEnum<ChangeKind>(body, "kind", out var kind))
        {
            return (null, new("kind", "one of add, replace, remove"));
        }

        if (!body.TryGetProperty("subprocessor", out var sub) || sub.ValueKind != JsonValueKind.Object)
        {
            return (null, new("subprocessor", "required: an object { id, name, entity, purpose, location }"));
        }

        var fields = new Dictionary<string, string?>();
        foreach (var name in new[] { "id", "name", "entity", "purpose", "location" })
        {
            if (!JsonFields.TryString(sub, name, out var value))
            {
                return (null, new($"subprocessor.{name}", "a string is expected"));
            }

            fields[name] = value;
        }

        if (!JsonFields.TryString(body, "replaces", out var replaces))
        {
            return (null, new("replaces", "a string is expected"));
        }

        if (!JsonFields.TryStrings(body, "services", MaxListItems, out var services))
        {
            return (null, new("services", $"a list of service ids is expected (at most {MaxListItems})"));
        }

        if (!JsonFields.TryStrings(body, "regions", MaxListItems, out var regions))
        {
            return (null, new("regions", $"a list of regions is expected (at most {MaxListItems})"));
        }

        if (!JsonFields.TryString(body, "effectiveAt", out var effective) || effective is null
            || !DateTimeOffset.TryParse(effective, CultureInfo.InvariantCulture, DateTimeStyles.None, out var effectiveAt)
            || !effective.Contains('T', StringComparison.Ordinal))
        {
            return (null, new("effectiveAt", "required: an ISO 8601 date and time with its offset, e.g. 2027-01-15T00:00:00Z"));
        }

        if (!JsonFields.TryString(body, "comment", out var comment))
        {
            return (null, new("comment", "a string is expected"));
        }

        return (new SubprocessorChange
        {
            Kind = kind,
            Subprocessor = new SubprocessorEntry(fields["id"] ?? "", fields["name"] ?? fields["id"] ?? "", fields["entity"], fields["purpose"], fields["location"]),
            Replaces = replaces,
            Services = services,
            Regions = regions,
            EffectiveAt = effectiveAt.ToUniversalTime(),
            Comment = comment,
        }, null);
    }

    /// <summary>Reads a kebab-case (or camelCase) enum value; numbers are not accepted.</summary>
    public static bool TryEnum<T>(JsonElement body, string name, out T value)
        where T : struct, Enum
    {
        value = default;
        return body.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String && TryEnumText(e.GetString(), out value);
    }

    /// <summary>An enum value in the API's spelling (<c>corrective-steps</c>); the console's forms are read as bodies, by <see cref="TryEnum"/>.</summary>
    private static bool TryEnumText<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        return text is { Length: > 0 and < 40 } && !text.Any(char.IsDigit)
            && Enum.TryParse(text.Replace("-", "", StringComparison.Ordinal), true, out value);
    }
}
