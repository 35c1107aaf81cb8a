using System.Text.Json;
using System.Text.Json.Nodes;
using BreachNotify.Detections;
using Microsoft.AspNetCore.Http;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// A console form as the API's request body, so that the API's reader of that command validates the form too (one path, one set
/// of messages): each named field trimmed, a blank one absent. <see cref="Message"/> says the reader's field errors on the page
/// as the API's problem names them.
/// </summary>
internal static class CommandForm
{
    public static JsonElement Body(IFormCollection form, params string[] fields) => Element(Object(form, fields));

    public static JsonObject Object(IFormCollection form, IEnumerable<string> fields)
    {
        var body = new JsonObject();
        foreach (var name in fields)
        {
            if (Value(form, name) is { } value)
            {
                body[name] = value;
            }
        }

        return body;
    }

    public static JsonElement Element(JsonObject body) => JsonSerializer.SerializeToElement(body);

    /// <summary>The field's text, trimmed; null when blank or not posted.</summary>
    public static string? Value(IFormCollection form, string name) => form[name].ToString().Trim() is { Length: > 0 } value ? value : null;

    /// <summary>A list typed into one field: ids split at commas, semicolons or white space.</summary>
    public static JsonArray List(string text) =>
        [.. text.Split([',', ' ', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => (JsonNode?)JsonValue.Create(c))];

    /// <summary><c>lead: field: message; field: message.</c>, the fields and messages of the API's <c>errors</c>.</summary>
    public static string Message(string lead, IReadOnlyList<FieldError> errors) =>
        $"{lead}: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}.";
}
