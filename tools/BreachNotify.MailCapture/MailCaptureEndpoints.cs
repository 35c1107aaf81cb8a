using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using BreachNotify.MailCapture.Pages;
using BreachNotify.MailCapture.SendGridApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace BreachNotify.MailCapture;

/// <summary>Every route the capture answers: the SendGrid API surface, the human inbox and its JSON twin.</summary>
internal sealed class MailCaptureEndpoints(MailStore store, FaultPlan faults, MailCaptureOptions options)
{
    private const int DefaultActivityLimit = 10;
    private const int MaxActivityLimit = 1000;

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v3/mail/send", SendAsync);
        app.MapGet("/v3/messages", Activity);

        app.MapGet("/", () => new RazorComponentResult<InboxPage>(new { Mails = store.Snapshot() }));
        app.MapGet("/mails/{index:int}", IResult (int index) =>
            store.Snapshot() is var mails && index >= 0 && index < mails.Count
                ? new RazorComponentResult<MailPage>(new { Index = index, Mail = mails[index] })
                : Results.NotFound());
        app.MapGet("/assets/inbox.css", () => Asset("inbox.css", "text/css; charset=utf-8"));
        app.MapGet("/assets/inbox.js", () => Asset("inbox.js", "text/javascript; charset=utf-8"));
        app.MapGet("/favicon.ico", () => Results.NoContent()); // browsers ask; a 404 would be an error in their console

        app.MapGet("/api/mails", () => Results.Json(store.Snapshot()));
        app.MapGet("/api/requests", () => Results.Json(store.Requests()));
        app.MapDelete("/api/mails", () =>
        {
            store.Clear();
            return Results.NoContent();
        });
    }

    private async Task<IResult> SendAsync(HttpContext context, CancellationToken aborted)
    {
        var requestNumber = store.NextRequestNumber();
        var receivedAt = DateTimeOffset.UtcNow;
        long bytes = 0;
        var personalizations = 0;
        var result = await HandleSendAsync(context, requestNumber, aborted, (b, p) => (bytes, personalizations) = (b, p));
        store.Log(new CapturedRequest(
            requestNumber, receivedAt, DateTimeOffset.UtcNow, aborted.IsCancellationRequested ? 0 : StatusOf(result), bytes, personalizations, TraceParentOf(context)));
        return result;
    }

    private static string? TraceParentOf(HttpContext context) =>
        context.Request.Headers.TryGetValue("traceparent", out var value) && value.Count > 0 ? value[0] : null;

    private static int StatusOf(IResult result) => result is IStatusCodeHttpResult { StatusCode: { } status } ? status : StatusCodes.Status200OK;

    private async Task<IResult> HandleSendAsync(HttpContext context, int requestNumber, CancellationToken aborted, Action<long, int> read)
    {

        if (faults.Delay is var delay && delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, aborted);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // The client gave up; like a send that never reached SendGrid, nothing is captured.
                return Results.Empty;
            }
        }

        if (faults.TryTakeFailure(out var statusCode, out var retryAfter))
        {
            if (retryAfter is { } wait)
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var reason = ReasonPhrases.GetReasonPhrase(statusCode);
            return Errors(statusCode, new SendGridError(reason.Length > 0 ? reason.ToLowerInvariant() : "injected fault"));
        }

        if (Authorize(context.Request) is { } denied)
            return denied;

        SendGridMailRequest? request;
        using var body = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(body, aborted);
            body.Position = 0;
            request = await JsonSerializer.DeserializeAsync<SendGridMailRequest>(body, SendGridJson.Options, aborted);
        }
        catch (JsonException)
        {
            request = null;
        }
        read(body.Length, request?.Personalizations?.Count ?? 0);
        if (body.Length > options.MaxRequestBytes)
            return Errors(StatusCodes.Status413PayloadTooLarge, new SendGridError("The JSON payload you have included in your request is too large."));
        if (request is null)
            return Errors(StatusCodes.Status400BadRequest, new SendGridError("Bad Request"));

        var errors = SendGridValidator.Validate(request);
        if (errors.Count > 0)
            return Results.Json(new SendGridErrorResponse(errors), SendGridJson.Options, statusCode: StatusCodes.Status400BadRequest);

        var messageId = NewMessageId();
        store.Add(Split(request, messageId, requestNumber, DateTimeOffset.UtcNow));
        if (faults.AnswerDelay is var answerDelay && answerDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answerDelay, aborted);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // Captured, but the client never hears it: as when SendGrid took a send whose answer was lost.
                return Results.Empty;
            }
        }

        context.Response.Headers["X-Message-Id"] = messageId;
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private IResult Activity(HttpRequest request, string? query, string? limit)
    {
        if (Authorize(request) is { } denied)
            return denied;

        var take = DefaultActivityLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxActivityLimit))
            return Errors(StatusCodes.Status400BadRequest, new SendGridError($"limit must be between 1 and {MaxActivityLimit}", "limit"));

        var matches = ActivityQuery.Parse(query);
        if (matches is null)
            return Errors(StatusCodes.Status400BadRequest, new SendGridError("invalid query", "query"));

        var messages = store.Snapshot()
            .Reverse()
            .Where(matches)
            .Take(take)
            .Select(mail => new ActivityMessage(
                mail.MessageId,
                mail.To,
                mail.Subject,
                "delivered",
                OpensCount: 0,
                ClicksCount: 0,
                mail.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)))
            .ToList();
        return Results.Json(new ActivityResponse(messages), SendGridJson.Options);
    }

    private IResult? Authorize(HttpRequest request)
    {
        const string scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        var key = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";

        if (key.Length == 0)
            return Errors(StatusCodes.Status401Unauthorized, new SendGridError("authorization required"));
        if (options.ApiKey is { } expected && !string.Equals(key, expected, StringComparison.Ordinal))
            return Errors(StatusCodes.Status401Unauthorized, new SendGridError("The provided authorization grant is invalid, expired, or revoked"));
        return null;
    }

    /// <summary>SendGrid delivers one message per personalization; the capture records them the same way.</summary>
    private static List<CapturedMail> Split(SendGridMailRequest request, string messageId, int requestNumber, DateTimeOffset receivedAt)
    {
        var content = request.Content ?? [];
        var text = ValueOf(content, "text/plain");
        var html = ValueOf(content, "text/html");

        return (request.Personalizations ?? []).Select((personalization, index) =>
        {
            var to = personalization.To ?? [];
            var substitutions = personalization.Substitutions ?? new Dictionary<string, string>();
            return new CapturedMail(
                $"{messageId}.{index}",
                string.Join(", ", to.Select(address => address.Email)),
                to.Count == 1 ? to[0].Name : null,
                Substitute(personalization.Subject ?? request.Subject ?? "", substitutions),
                text is null ? null : Substitute(text, substitutions),
                html is null ? null : Substitute(html, substitutions),
                Merge(request.CustomArgs, personalization.CustomArgs),
                receivedAt,
                requestNumber);
        }).ToList();
    }

    private static string? ValueOf(IReadOnlyList<SendGridContent> content, string type) =>
        SendGridValidator.IndexOfType(content, type) is var index and >= 0 ? content[index].Value : null;

    private static string Substitute(string value, IReadOnlyDictionary<string, string> substitutions)
    {
        foreach (var (key, replacement) in substitutions)
        {
            if (key.Length > 0)
                value = value.Replace(key, replacement, StringComparison.Ordinal);
        }
        return value;
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? common, IReadOnlyDictionary<string, string>? own)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in common ?? new Dictionary<string, string>())
            merged[key] = value;
        foreach (var (key, value) in own ?? new Dictionary<string, string>())
            merged[key] = value;
        return merged;
    }

    // Same shape as SendGrid's: 22 URL-safe base64 characters.
    private static string NewMessageId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static IResult Errors(int statusCode, SendGridError error) =>
        Results.Json(new SendGridErrorResponse([error]), SendGridJson.Options, statusCode: statusCode);

    private static IResult Asset(string name, string contentType) =>
        Results.Stream(typeof(MailCaptureEndpoints).Assembly.GetManifestResourceStream($"BreachNotify.MailCapture.{name}")!, contentType);
}
