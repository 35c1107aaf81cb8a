using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Ingest;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BreachNotify.Functions.Incidents;

/// <summary>
/// Reads the decision API's body itself rather than through parameter binding, so that every way it can be wrong is a
/// problem+json naming what is wrong: a media type other than UTF-8 JSON (415), more than 64 KiB (413), malformed
/// JSON, a string that is not valid text, or a field of the wrong type (400).
/// </summary>
internal static class DecisionBody
{
    public const long MaxBytes = 64 * 1024;

    public static async Task<(DecisionRequest? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        if (!JsonMedia.IsUtf8Json(request.ContentType))
        {
            return (null, Problems.Status(415, "Unsupported media type", $"send {IngestEndpoints.JsonMediaType}, in UTF-8"));
        }

        var bytes = await BoundedBody.ReadAsync(request, MaxBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, Problems.Status(413, "Payload too large", $"the body is larger than {MaxBytes} bytes"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return (null, Problems.Status(400, "The request is not valid", $"body: not valid JSON ({e.Message.Split('.')[0]})"));
        }

        using (document)
        {
            if (JsonText.FirstUnreadable(document.RootElement) is { } path)
            {
                return (null, Problems.InvalidFields([new(FieldName(path), JsonText.Problem)]));
            }

            try
            {
                return (document.RootElement.Deserialize<DecisionRequest>(options), null);
            }
            catch (JsonException e)
            {
                return (null, Problems.InvalidFields([new(FieldName(e.Path ?? "$"), "of the wrong type; see the API reference")]));
            }
        }
    }

    /// <summary><c>$.edits.customer</c> as <c>edits.customer</c>, the way the API names fields.</summary>
    private static string FieldName(string path) =>
        path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$') is { Length: > 0 } rest ? rest : "body";
}
