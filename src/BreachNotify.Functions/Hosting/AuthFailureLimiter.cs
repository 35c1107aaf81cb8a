using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Counts failed authentications per client address, on every path that authenticates (the commanders' API, the
/// console's sign-in, ingest, the delivery webhook), so keys and secrets cannot be guessed without limit. Once an
/// address has spent its failures for the minute, its requests are refused with 429 before any credential is checked,
/// the right one included: otherwise the answer would still tell a right guess from a wrong one.
/// </summary>
public sealed class AuthFailureLimiter : IDisposable
{
    private readonly PerMinuteLimit _failures;

    public AuthFailureLimiter(IOptions<ClientLimitOptions> options) => _failures = new PerMinuteLimit(options.Value.AuthFailuresPerMinute);

    /// <summary>
    /// The address a request comes from, as every per-client limit keys it: the peer, or behind a trusted front end
    /// (the Functions host, a configured proxy: <see cref="FrontEndOptions"/>) the client it names, as the framework's
    /// forwarded-headers middleware has set it. Otherwise all callers behind the host would share one address.
    /// </summary>
    public static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>How long this client must wait, or null when it may try to authenticate.</summary>
    public TimeSpan? LockedFor(string client) => _failures.Take(client, 0);

    public void Failed(string client) => _failures.Take(client);

    /// <summary>
    /// An endpoint filter: a locked-out client is answered 429 (problem+json, Retry-After) before the handler runs; a
    /// handler's 401 counts as a failure of the client.
    /// </summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var limiter = http.RequestServices.GetRequiredService<AuthFailureLimiter>();
        var client = ClientOf(http);
        if (limiter.LockedFor(client) is { } wait)
        {
            return TooManyRequests(http, wait, "too many failed authentication attempts from this address; try again later");
        }

        var result = await next(invocation);
        if (Status(result) == StatusCodes.Status401Unauthorized)
        {
            limiter.Failed(client);
        }

        return result;
    }

    /// <summary>429 problem+json with Retry-After in whole seconds.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext http, TimeSpan wait, string detail)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.Status(StatusCodes.Status429TooManyRequests, "Too many requests", detail);
    }

    public void Dispose() => _failures.Dispose();

    private static int? Status(object? result) => result switch
    {
        INestedHttpResult nested => Status(nested.Result),
        IStatusCodeHttpResult withStatus => withStatus.StatusCode,
        _ => null,
    };
}
