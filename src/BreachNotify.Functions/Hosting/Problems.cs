using BreachNotify.Detections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BreachNotify.Functions.Hosting;

/// <summary>problem+json answers, the same shape for every endpoint.</summary>
internal static class Problems
{
    public static ProblemHttpResult Status(int status, string title, string? detail = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static ProblemHttpResult InvalidFields(IReadOnlyList<FieldError> errors) =>
        TypedResults.Problem(
            detail: $"{errors.Count} invalid field(s): {string.Join("; ", errors.Take(20).Select(e => $"{e.Field}: {e.Message}"))}",
            statusCode: StatusCodes.Status400BadRequest,
            title: "The request is not valid",
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
