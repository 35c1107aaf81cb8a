using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Ingest;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>
/// Reads a sub-processor change API body as a JSON object: UTF-8 JSON only (415), at most 64 KiB (413), well formed,
/// readable text and an object (400 naming what is wrong).
/// </summary>
internal static class ChangeBody
{
    public const long MaxBytes = 64 * 1024;

    public static async Task<(JsonElement Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } contentType
            || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !(media.MediaType.Equals(IngestEndpoints.JsonMediaType, StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            || !IngestEndpoints.IsUtf8(media))
        {
            return (default, Problems.Status(415, "Unsupported media type", $"send {IngestEndpoints.JsonMediaType}, in UTF-8"));
        }

        var bytes = await BoundedBody.ReadAsync(request, MaxBytes, cancellationToken);
        if (bytes is null)
        {
            return (default, Problems.Status(413, "Payload too large", $"the body is larger than {MaxBytes} bytes"));
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
                return (default, Problems.InvalidFields([new FieldError(path.TrimStart('$', '.'), JsonText.Problem)]));
            }

            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, Problems.Status(400, "The request is not valid", $"body: not valid JSON ({e.Message.Split('.')[0]})"));
        }
    }
}
