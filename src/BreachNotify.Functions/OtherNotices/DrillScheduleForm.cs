using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>
/// The console's drill schedule form as the API's body, so that <see cref="DrillScheduleRequestReader"/> checks both alike:
/// <c>everyMonths</c> a number when it is one (else the text, refused naming it), <c>customers</c> split at commas or spaces,
/// <c>autoApprove</c> the checkbox.
/// </summary>
internal static class DrillScheduleForm
{
    public static JsonElement Body(IFormCollection form)
    {
        var body = new JsonObject();
        var every = form["everyMonths"].ToString().Trim();
        body["everyMonths"] = int.TryParse(every, NumberStyles.None, CultureInfo.InvariantCulture, out var months) ? months : every;
        if (form["startAt"].ToString().Trim() is { Length: > 0 } startAt)
        {
            body["startAt"] = startAt;
        }

        body["customers"] = new JsonArray([.. form["customers"].ToString().Split([',', ' ', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(c => (JsonNode?)JsonValue.Create(c))]);
        body["summary"] = form["summary"].ToString();
        body["autoApprove"] = form["autoApprove"].ToString() == "true";
        return JsonSerializer.SerializeToElement(body);
    }
}
