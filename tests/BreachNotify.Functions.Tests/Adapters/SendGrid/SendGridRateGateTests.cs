using System.Globalization;
using System.Net;
using BreachNotify.Functions.Delivery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.Adapters.SendGrid;

/// <summary>The gate's reading of SendGrid's rate-limit headers (the capture sends Retry-After only; SendGrid also sends X-RateLimit-Reset).</summary>
public sealed class SendGridRateGateTests
{
    private static readonly Uri MailSend = new("http://127.0.0.1:1/v3/mail/send");

    [Fact]
    public async Task A429WithOnlyXRateLimitReset_HoldsTheProcessUntilTheReset_WithoutSending()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero));
        var gate = new SendGridRateGate(time);
        var sendGrid = new Answering(() =>
        {
            var limited = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            limited.Headers.Add("X-RateLimit-Reset", time.GetUtcNow().AddSeconds(7).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            return limited;
        });
        var options = Options.Create(new SendGridOptions());
        // As the app composes them: the holding gate outside, the observing one next to the network.
        using var client = new HttpClient(new SendGridRateGateHandler(gate, time, options, NullLogger.Instance, holds: true)
        {
            InnerHandler = new SendGridRateGateHandler(gate, time, options, NullLogger.Instance, holds: false) { InnerHandler = sendGrid },
        });
        var ct = TestContext.Current.CancellationToken;

        using var first = await client.PostAsync(MailSend, new StringContent("{}"), ct);
        time.Advance(TimeSpan.FromSeconds(2));
        using var held = await client.PostAsync(MailSend, new StringContent("{}"), ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, held.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), held.Headers.RetryAfter?.Delta);
        Assert.True(held.Headers.Contains(SendGridRateGateHandler.GateHeader));
        Assert.Equal(1, sendGrid.Calls);

        time.Advance(TimeSpan.FromSeconds(5));
        using var after = await client.PostAsync(MailSend, new StringContent("{}"), ct);
        Assert.Equal(2, sendGrid.Calls);
    }

    private sealed class Answering(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(answer());
        }
    }
}
