using System.Text.Json;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Ingest;
using BreachNotify.Functions.Workflow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.Delivery;

/// <summary>
/// <c>POST /api/delivery/sendgrid</c>: SendGrid's Signed Event Webhook. The body (at most 1 MiB) is verified against
/// <c>SendGrid:EventWebhookPublicKey</c> before it is parsed; nothing is stored for a request that fails. Answers 200
/// with counts once every event is applied (SendGrid retries any other answer), 503 when no key is configured or a
/// bounce alert could not be mailed (so that SendGrid posts again and the alert is not lost).
/// </summary>
public static class DeliveryEventEndpoints
{
    public const string Route = "/api/delivery/sendgrid";
    public const string FunctionName = "DeliveryEvents";
    public const long MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapDeliveryEvents(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Route, PostEventsAsync)
            .WithName(FunctionName)
            .LimitAuthFailures()
            // "*/*" keeps routing from answering another media type with a bare 415: the handler answers it with a problem.
            .Accepts<JsonElement>(Ingest.IngestEndpoints.JsonMediaType, "*/*")
            .Produces<DeliveryEventsAnswer>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    internal static async Task<Results<Ok<DeliveryEventsAnswer>, ProblemHttpResult>> PostEventsAsync(
        HttpRequest request,
        Microsoft.Extensions.Options.IOptions<SendGridOptions> options,
        DeliveryEventRecorder recorder,
        WorkflowMetrics metrics,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(DeliveryEventEndpoints));
        ProblemHttpResult Refuse(int status, string title, string? detail, string reason)
        {
            metrics.DeliveryEventsRefused(status);
            logger.DeliveryEventsRefused(status, reason);
            return Problems.Status(status, title, detail);
        }

        // Imported per request: cheap, and an ECDsa instance is not shared between threads.
        using var signature = EventWebhookSignature.For(options.Value.EventWebhookPublicKey);
        if (signature is null)
        {
            return Refuse(503, "Delivery events are not enabled", "SendGrid:EventWebhookPublicKey is not configured", "no public key configured");
        }

        if (!JsonMedia.IsUtf8Json(request.ContentType))
        {
            return Refuse(415, "Unsupported media type", $"send {Ingest.IngestEndpoints.JsonMediaType}, in UTF-8", "content type");
        }

        var body = await BoundedBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Refuse(413, "Payload too large", $"the body is larger than {MaxBodyBytes} bytes", "too large");
        }

        var problem = signature.Check(
            request.Headers[EventWebhookSignature.SignatureHeader].ToString(),
            request.Headers[EventWebhookSignature.TimestampHeader].ToString(),
            body,
            time.GetUtcNow());
        if (problem is not null)
        {
            return Refuse(401, "Not authenticated", "missing, invalid or stale SendGrid event webhook signature", problem);
        }

        List<DeliveryEvent> events;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return Refuse(400, "The request is not valid", "body: a JSON array of events is expected", "not an array");
            }

            if (BreachNotify.Detections.JsonText.FirstUnreadable(document.RootElement) is { } unreadable)
            {
                metrics.DeliveryEventsRefused(400);
                logger.DeliveryEventsRefused(400, "unreadable text");
                return Problems.InvalidFields([new(unreadable, BreachNotify.Detections.JsonText.Problem)]);
            }

            events = [.. document.RootElement.EnumerateArray().Select(DeliveryEvent.From)];
        }
        catch (JsonException e)
        {
            return Refuse(400, "The request is not valid", $"body: not valid JSON ({e.Message.Split('.')[0]})", "invalid JSON");
        }

        var (answer, alertOwed) = await recorder.RecordAsync(events, cancellationToken);
        logger.DeliveryEventsRecorded(answer.Received, answer.Applied, answer.Unchanged, answer.Ignored, answer.Alerts);
        if (alertOwed)
        {
            // Every event is recorded (a repeat changes nothing), but the commanders have not heard of a bounce yet.
            return Refuse(503, "Bounce alert not sent", "the commanders could not be told of a bounced notice yet; post the events again", "bounce alert owed");
        }

        return TypedResults.Ok(answer);
    }
}
