using System.Text.Json;
using BreachNotify.Functions.Hosting;
using BreachNotify.Detections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BreachNotify.Functions.Incidents;

/// <summary>
/// Reads the decision API's body itself rather than through parameter binding, so that every way it can be wrong is a
/// problem+json naming what is wrong: a media type other than UTF-8 JSON (415), more than 64 KiB (413), malformed
/// JSON or a string that is not valid text (400); its fields are read by <see cref="DecisionReader"/>, as the console's forms are.
/// </summary>
internal static class DecisionBody
{
    public const long MaxBytes = 64 * 1024;

    public static Task<(JsonElement Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        JsonBody.ReadObjectAsync(request, cancellationToken, MaxBytes);
}
