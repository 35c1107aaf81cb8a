using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.Detections.Formats;
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
/// anything; then each detection is written (a new one as one state row carrying its event and classification timer,
/// see <see cref="UnfiledStep"/>) before the 202.
/// JSON bodies (<c>application/json</c> or <c>+json</c>) are read in the JSON formats, <c>text/plain</c> bodies as CEF
/// lines (UTF-8, one event per line).
/// </summary>
public static class IngestEndpoints
{
    public const string JsonMediaType = "application/json";

    public const string TextMediaType = "text/plain";

    /// <remarks>
    /// No <c>Accepts</c> metadata: routing would answer other media types with a bare 415 before the handler could say
    /// which ones it reads. The request body is described in the OpenAPI document by <c>OperationDocs</c> instead.
    /// </remarks>
    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/detections", PostDetectionsAsync)
            .WithName("Ingest")
            .LimitAuthFailures()
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
        SourceRateLimiter limiter,
        DetectionParser parser,
        CefFormat cef,
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

        var media = BodyKind(request.ContentType);
        if (media == Kind.Unsupported)
        {
            return Refuse(415, "Unsupported media type", $"send {JsonMediaType} (a JSON format) or {TextMediaType} (CEF lines), in UTF-8", "content type");
        }

        var forced = format ?? sourceOptions.Format;
        if (Mismatch(media, forced, parser) is { } mismatch)
        {
            return Refuse(415, "Unsupported media type", mismatch, "content type does not suit the format");
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

        // Only now, authenticated, does a request spend its source's limit.
        if (limiter.Refuse(source) is { } wait)
        {
            metrics.DetectionRefused(429);
            logger.DetectionRefused(source, 429, "source over its rate limit");
            return AuthFailureLimiter.TooManyRequests(request.HttpContext, wait, $"at most {options.Value.PermitsPerMinute} requests per minute per source");
        }

        if (media == Kind.Text)
        {
            // A text body always answers a list: it is a batch of lines, however many it holds.
            var parsed = IsForced(forced) && !IsCef(forced)
                ? DetectionParseResult.Invalid("format", $"unknown format '{forced![..Math.Min(forced.Length, 40)]}'; supported: {string.Join(", ", [.. parser.FormatNames, DetectionFormats.Cef])}")
                : Utf8Text(body) is { } text ? cef.Parse(text, source) : DetectionParseResult.Invalid("body", "not valid UTF-8");
            return await TakeAsync(parsed, single: false);
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
            // One object for one detection posted as an object; a list for arrays and multi-alert wrappers.
            return await TakeAsync(parser.Parse(document.RootElement, source, forced), single: document.RootElement.ValueKind == JsonValueKind.Object);
        }

        async Task<Results<Accepted<object>, ProblemHttpResult>> TakeAsync(DetectionParseResult parsed, bool single)
        {
            if (parsed.IsValid && DetectionStorageLimit.Check(parsed.Detections) is { Count: > 0 } tooLarge)
            {
                parsed = DetectionParseResult.Invalid(tooLarge);
            }

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

            object answer = accepted.Count == 1 && single ? accepted[0] : accepted;
            return TypedResults.Accepted((string?)null, answer);
        }
    }

    private enum Kind
    {
        Unsupported,
        Json,
        Text,
    }

    /// <summary>JSON (<c>application/json</c> or any <c>+json</c>), UTF-8 text (CEF), or neither.</summary>
    private static Kind BodyKind(string? contentType)
    {
        if (contentType is null || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return Kind.Unsupported;
        }

        // Both are read as UTF-8: a body declared in another charset is refused, as reading it as UTF-8 would garble it.
        if (!IsUtf8(media))
        {
            return Kind.Unsupported;
        }

        if (media.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return Kind.Json;
        }

        return media.MediaType.Equals(TextMediaType, StringComparison.OrdinalIgnoreCase) ? Kind.Text : Kind.Unsupported;
    }

    /// <summary>No charset, or one that UTF-8 reads as declared.</summary>
    internal static bool IsUtf8(Microsoft.Net.Http.Headers.MediaTypeHeaderValue media)
    {
        var charset = media.Charset.Value?.Trim('"');
        return string.IsNullOrEmpty(charset) || charset.ToLowerInvariant() is "utf-8" or "utf8" or "us-ascii";
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static string? Utf8Text(byte[] body)
    {
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why a forced format cannot read a body of this type, or null when it can. An unknown format is not a media type
    /// problem: it is a 400 on the field <c>format</c>, as the parser answers for JSON.
    /// </summary>
    private static string? Mismatch(Kind media, string? forced, DetectionParser parser)
    {
        if (media == Kind.Json && IsCef(forced))
        {
            return $"the format cef (format= or Sources:NAME:Format) reads {TextMediaType} bodies, one CEF event per line";
        }

        if (media == Kind.Text && IsForced(forced) && parser.FormatNames.Contains(forced, StringComparer.OrdinalIgnoreCase))
        {
            return $"a {TextMediaType} body is read as CEF lines; the format {forced!.ToLowerInvariant()} (format= or Sources:NAME:Format) reads {JsonMediaType}";
        }

        return null;
    }

    private static bool IsForced([NotNullWhen(true)] string? format) => !string.IsNullOrWhiteSpace(format);

    private static bool IsCef(string? format) => string.Equals(format?.Trim(), DetectionFormats.Cef, StringComparison.OrdinalIgnoreCase);
}
