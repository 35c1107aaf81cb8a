using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Adapters.SendGrid;

/// <summary>
/// The process's <see cref="SendGridRateGate"/> on <c>/v3/mail/send</c>, in two places. Outside the client's resilience
/// pipeline (<c>holds</c>): while the gate is closed, a send is answered 429 at once with the time left as
/// Retry-After, without leaving the process (so nothing can have been taken, no retry spins and the circuit breaker does
/// not count it); its work item is deferred until then. Inside the pipeline, on every attempt: a 429 from SendGrid closes
/// the gate for every worker of the process.
/// </summary>
public sealed class SendGridRateGateHandler(SendGridRateGate gate, TimeProvider time, IOptions<SendGridOptions> options, ILogger logger, bool holds)
    : DelegatingHandler
{
    /// <summary>Set on the 429 the gate answers itself, so a reader of the response can tell it never left the process.</summary>
    public const string GateHeader = "X-BreachNotify-Rate-Gate";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.AbsolutePath.EndsWith("/v3/mail/send", StringComparison.Ordinal) != true)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (holds && gate.Remaining is var remaining && remaining > TimeSpan.Zero)
        {
            var held = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request, Content = new StringContent("") };
            held.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(Math.Ceiling(remaining.TotalSeconds)));
            held.Headers.Add(GateHeader, "closed");
            return held;
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (!holds && response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var wait = WaitOf(response);
            gate.Close(wait);
            logger.RateLimited(wait.TotalSeconds);
        }

        return response;
    }

    private TimeSpan WaitOf(HttpResponseMessage response)
    {
        var max = TimeSpan.FromMinutes(10);
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : TimeSpan.Zero);
            if (wait > TimeSpan.Zero)
            {
                return wait < max ? wait : max;
            }
        }

        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var epochSeconds)
            && DateTimeOffset.FromUnixTimeSeconds(epochSeconds) - time.GetUtcNow() is var untilReset && untilReset > TimeSpan.Zero)
        {
            return untilReset < max ? untilReset : max;
        }

        return TimeSpan.FromSeconds(options.Value.RateLimitDefaultWaitSeconds);
    }
}
