using System.Text.Json;
using System.Text.Json.Serialization;

namespace BreachNotify.MailCapture.SendGridApi;

/// <summary>SendGrid's wire JSON: snake_case names, nulls written (its error objects carry "field": null).</summary>
internal static class SendGridJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
