using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using BreachNotify.Parties;
using Microsoft.AspNetCore.Http;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// The console's announcement form (<see cref="AnnounceChangePage"/>): what was typed (kept when the form comes back with an
/// error), the services it offers, and its key, the form's Idempotency-Key (a second submission is the same change).
/// <see cref="Body"/> is the API's announcement body, for the API's reader.
/// </summary>
public sealed record AnnounceChangeForm(
    string Key, IReadOnlyDictionary<string, string> Values, IReadOnlySet<string> TickedServices, IReadOnlyList<Service> Offered, string? Message)
{
    /// <summary>The form's text fields, as posted (the services are checkboxes).</summary>
    public static readonly string[] Fields =
        ["kind", "subprocessorId", "subprocessorName", "entity", "purpose", "location", "replaces", "regions", "effectiveAt", "comment"];

    private const int MaxKeyLength = 64;

    public string? Value(string name) => Values.GetValueOrDefault(name);

    public bool Ticked(string serviceId) => TickedServices.Contains(serviceId);

    public static AnnounceChangeForm Empty(IReadOnlyList<Service> offered) =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), new Dictionary<string, string>(), new HashSet<string>(), offered, null);

    /// <summary>The posted form; a missing or malformed key gets a new one (it only guards against a second submission).</summary>
    public static AnnounceChangeForm Posted(IFormCollection form, IReadOnlyList<Service> offered)
    {
        var values = Fields.Select(f => (Name: f, Value: CommandForm.Value(form, f))).Where(f => f.Value is not null).ToDictionary(f => f.Name, f => f.Value!);
        var key = CommandForm.Value(form, "key") is { Length: <= MaxKeyLength } k && k.All(char.IsAsciiHexDigitLower)
            ? k : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var ticked = form["services"].Select(s => s?.Trim()).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToHashSet(StringComparer.Ordinal);
        return new(key, values, ticked, offered, null);
    }

    /// <summary>
    /// The API's announcement body. The effective time is typed as the console's local time (a <c>datetime-local</c> field) and
    /// sent as UTC; a time typed with its own offset is sent as typed; anything else is sent as it is, for the reader to refuse.
    /// </summary>
    public JsonElement Body(TimeZoneInfo zone)
    {
        var body = new JsonObject();
        void Put(JsonObject target, string name, string field)
        {
            if (Value(field) is { } value)
            {
                target[name] = value;
            }
        }

        Put(body, "kind", "kind");
        var subprocessor = new JsonObject();
        Put(subprocessor, "id", "subprocessorId");
        Put(subprocessor, "name", "subprocessorName");
        Put(subprocessor, "entity", "entity");
        Put(subprocessor, "purpose", "purpose");
        Put(subprocessor, "location", "location");
        body["subprocessor"] = subprocessor;
        Put(body, "replaces", "replaces");
        body["services"] = new JsonArray([.. TickedServices.Order(StringComparer.Ordinal).Select(s => (JsonNode?)JsonValue.Create(s))]);
        if (Value("regions") is { } regions)
        {
            body["regions"] = CommandForm.List(regions);
        }

        if (Value("effectiveAt") is { } effective)
        {
            body["effectiveAt"] = Effective(effective, zone);
        }

        Put(body, "comment", "comment");
        return CommandForm.Element(body);
    }

    private static string Effective(string typed, TimeZoneInfo zone)
    {
        string[] local = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
        if (DateTime.TryParseExact(typed, local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            // A wall time the zone skips (the spring change) is taken as the instant an hour later would be: the zone's rule.
            var utc = zone.IsInvalidTime(wall) ? TimeZoneInfo.ConvertTimeToUtc(wall.AddHours(1), zone) : TimeZoneInfo.ConvertTimeToUtc(wall, zone);
            return new DateTimeOffset(utc, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        return typed;
    }
}
