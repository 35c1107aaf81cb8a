using BreachNotify.Functions.Ingest;

namespace BreachNotify.Functions.Hosting;

/// <summary>The one test of a JSON body's media type: application/json or any +json, in UTF-8 (or no charset).</summary>
internal static class JsonMedia
{
    public static bool IsUtf8Json(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals(IngestEndpoints.JsonMediaType, StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && IngestEndpoints.IsUtf8(media);
}
