using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Workflow;
using BreachNotify.Incidents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Ingest;

/// <summary>
/// <c>POST /api/detections?source=NAME</c>: authenticate, bound, parse and validate the whole body before storing
/// anything; then each detection is written (incident state, history and outbox in one transaction) before the 202.
/// </summary>
public static class IngestEndpoints
{
    public const string RateLimitPolicy = "ingest";

    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/detections", PostDetectionsAsync)
            .WithName("Ingest")
            .RequireRateLimiting(RateLimitPolicy)
            .Accepts<JsonElement>("application/json")
            .Produces<IngestAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return routes;
    }

    internal static async Task<Results<Accepted<object>, ProblemHttpResult>> PostDetectionsAsync(
        HttpRequest request,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? source,
        [Microsoft.AspNetCore.Mvc.FromQuery] string? format,
        SourceAuthenticator authenticator,
        DetectionParser parser,
        DetectionIntake intake,
        WorkflowMetrics metrics,
        IOptions<IngestOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(IngestEndpoints));
        ProblemHttpResult Refuse(int status, string title, string? detail, string reason)
        {
            metrics.DetectionRefused(status);
            logger.DetectionRefused(source ?? "-", status, reason);
            return Problems.Status(status, title, detail);
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            return Refuse(400, "The request is not valid", "source: the query parameter naming the SIEM source is required", "no source");
        }

        if (authenticator.Find(source) is not { } sourceOptions)
        {
            return Refuse(401, "Not authenticated", "unknown source or bad signature", "unknown source");
        }

        if (!IsJson(request.ContentType))
        {
            return Refuse(415, "Unsupported media type", "send the detection as application/json", "content type");
        }

        var body = await BoundedBody.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Refuse(413, "Payload too large", $"the body is larger than {options.Value.MaxBodyBytes} bytes", "too large");
        }

        if (authenticator.Check(sourceOptions, request, body) is { } authProblem)
        {
            return Refuse(401, "Not authenticated", "unknown source or bad signature", authProblem);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return Refuse(400, "The request is not valid", $"body: not valid JSON ({e.Message.Split('.')[0]})", "invalid JSON");
        }

        using (document)
        {
            var parsed = parser.Parse(document.RootElement, source, format ?? sourceOptions.Format);
            if (!parsed.IsValid)
            {
                metrics.DetectionRefused(400);
                logger.DetectionRefused(source, 400, $"{parsed.Errors.Count} invalid fields");
                return Problems.InvalidFields(parsed.Errors);
            }

            var accepted = new List<IngestAccepted>(parsed.Detections.Count);
            foreach (var detection in parsed.Detections)
            {
                var taken = await intake.TakeAsync(detection, cancellationToken);
                accepted.Add(taken);
                metrics.DetectionAccepted();
                logger.DetectionAccepted(taken.IncidentId, source, taken.Duplicate);
            }

            // One object for one detection posted as an object; a list for arrays and multi-alert wrappers.
            object answer = accepted.Count == 1 && document.RootElement.ValueKind == JsonValueKind.Object ? accepted[0] : accepted;
            return TypedResults.Accepted((string?)null, answer);
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
