using System.Net.Sockets;
using Azure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Storage out of reach (connection refused, timed out, 5xx after the SDK's own retries, which end in an
/// <see cref="AggregateException"/>): every request answers 503 with <c>Retry-After</c> and a problem+json body, never
/// a bare 500 nor a 202 for something not stored. A SIEM then sends again, and its resend is deduplicated as usual.
/// </summary>
public static class StorageOutage
{
    public const int RetryAfterSeconds = 10;

    public static IApplicationBuilder UseStorageOutage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsUnreachable(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageOutage)).StorageUnavailable(e.GetType().Name);
            context.Response.Clear();
            await Problem(context, "Storage unavailable", "storage cannot be reached; send again later (a resend of anything this request stored is recognised)").ExecuteAsync(context);
        }
    });

    /// <summary>The 503 problem with <c>Retry-After</c>; /readyz answers it too.</summary>
    public static IResult Problem(HttpContext context, string title, string detail)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail);
    }

    /// <summary>Whether the exception says storage could not be reached (rather than refusing a request).</summary>
    public static bool IsUnreachable(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnreachable),
        RequestFailedException failed => failed.Status is 0 or 408 or >= 500,
        HttpRequestException or SocketException or TimeoutException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };
}
