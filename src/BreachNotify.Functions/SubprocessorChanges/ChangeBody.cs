using System.Text.Json;
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

    public static Task<(JsonElement Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        JsonBody.ReadObjectAsync(request, cancellationToken, MaxBytes);
}
