using System.Text.Json;
using BreachNotify.Detections;
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
        var (body, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken, MaxBytes);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            return (body.Deserialize<DecisionRequest>(options), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.InvalidFields([new(JsonBody.FieldName(e.Path ?? "$"), "of the wrong type; see the API reference")]));
        }
    }
}
