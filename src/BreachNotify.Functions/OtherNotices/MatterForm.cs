using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>
/// The console's "record a matter" form as the API's request body, so that <see cref="MatterRequestReader"/> validates it once for
/// both: blank fields are absent, <c>customers</c> is a list split at commas, spaces or lines, the prohibition an object when any of
/// its fields is filled.
/// </summary>
internal static class MatterForm
{
    public static readonly string[] TextFields = ["kind", "subjectIdentifier", "receivedAt", "summary", "authority", "disclosure", "clause", "respondBy", "subjectRequestedAt"];

    public static JsonElement Body(IFormCollection form)
    {
        var body = new JsonObject();
        foreach (var name in TextFields)
        {
            if (Value(form, name) is { } value)
            {
                body[name] = value;
            }
        }

        if (Value(form, "customers") is { } customers)
        {
            body["customers"] = new JsonArray([.. customers.Split([',', ' ', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(c => (JsonNode?)JsonValue.Create(c))]);
        }

        var basis = Value(form, "prohibitionBasis");
        var until = Value(form, "prohibitionUntil");
        var reviewAt = Value(form, "prohibitionReviewAt");
        if (basis is not null || until is not null || reviewAt is not null)
        {
            body["legalProhibition"] = new JsonObject { ["basis"] = basis, ["until"] = until, ["reviewAt"] = reviewAt };
        }

        return JsonSerializer.SerializeToElement(body);
    }

    private static string? Value(IFormCollection form, string name) => form[name].ToString().Trim() is { Length: > 0 } value ? value : null;
}
