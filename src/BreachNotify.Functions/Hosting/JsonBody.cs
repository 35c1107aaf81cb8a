using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.Functions.Ingest;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Reads an API body as one JSON object, so that every way it can be wrong is a problem+json naming what is wrong:
/// a media type other than UTF-8 JSON (415), too many bytes (413), malformed JSON, not an object, or a string that
/// is not valid text (400 naming the field).
/// </summary>
internal static class JsonBody
{
    public const long DefaultMaxBytes = 64 * 1024;

    public static async Task<(JsonElement Body, ProblemHttpResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken, long maxBytes = DefaultMaxBytes)
    {
        if (!JsonMedia.IsUtf8Json(request.ContentType))
        {
            return (default, Problems.Status(415, "Unsupported media type", $"send {IngestEndpoints.JsonMediaType}, in UTF-8"));
        }

        var bytes = await BoundedBody.ReadAsync(request, maxBytes, cancellationToken);
        if (bytes is null)
        {
            return (default, Problems.Status(413, "Payload too large", $"the body is larger than {maxBytes} bytes"));
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (default, Problems.InvalidFields([new FieldError("body", "a JSON object is expected")]));
            }

            if (JsonText.FirstUnreadable(document.RootElement) is { } path)
            {
                return (default, Problems.InvalidFields([new FieldError(FieldName(path), JsonText.Problem)]));
            }

            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, Problems.Status(400, "The request is not valid", $"body: not valid JSON ({e.Message.Split('.')[0]})"));
        }
    }

    /// <summary><c>$.edits.customer</c> as <c>edits.customer</c>, the way the API names fields.</summary>
    public static string FieldName(string path) =>
        path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$') is { Length: > 0 } rest ? rest : "body";
}
