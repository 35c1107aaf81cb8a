using BreachNotify.Detections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BreachNotify.Functions.Hosting;

/// <summary>problem+json answers, the same shape for every endpoint.</summary>
internal static class Problems
{
    public static ProblemHttpResult Status(int status, string title, string? detail = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>
    /// The framework's validation problem (<see cref="HttpValidationProblemDetails"/>): <c>errors</c> maps each invalid
    /// field to its messages, in the order found; <c>detail</c> says the first twenty in one line.
    /// </summary>
    public static ProblemHttpResult InvalidFields(IReadOnlyList<FieldError> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(
            errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid",
            Detail = $"{errors.Count} invalid field(s): {string.Join("; ", errors.Take(20).Select(e => $"{e.Field}: {e.Message}"))}",
        });
}
