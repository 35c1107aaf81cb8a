using BreachNotify.Functions.Delivery;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.Tests.Delivery;

/// <summary>The webhook client's circuit breaker is per host: a broken endpoint is left alone, another customer's still gets its notices.</summary>
public sealed class WebhookCircuitBreakerTests(AzuriteFixture azurite)
{
    private const string Secret = "circuit-webhook-secret-0123456789";

    [Fact]
    public async Task BrokenHost_OpensItsOwnCircuit_WithoutReachingIt_WhileAnotherHostStillReceives()
    {
        await using var broken = await Endpoint.StartAsync(500);
        await using var healthy = await Endpoint.StartAsync(200);
        // A long break: the circuit must still be open when the test sends again, however slow the machine.
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Webhooks:hook:Secret"] = Secret;
            s["SendGrid:CircuitBreakSeconds"] = "600";
            s["Workflow:RunWorkers"] = "false";
        });
        var sender = app.Services.GetRequiredService<IWebhookSender>();
        var ct = TestContext.Current.CancellationToken;

        // Each send is 1 attempt + 3 retries (TestApp's SendGrid:MaxRetries), all answered 500: by the second send the
        // breaker has seen enough failures of this host to open, and that send's remaining retries stop there.
        var first = await sender.SendAsync(Notice(broken.Url, "n1"), ct);
        var second = await sender.SendAsync(Notice(broken.Url, "n2"), ct);
        Assert.Equal("Webhook answered 500", first.Error);
        Assert.Equal("Webhook unreachable: BrokenCircuitException", second.Error);
        var reachedBeforeOpen = broken.Requests;
        Assert.InRange(reachedBeforeOpen, 5, 7);

        var refused = await sender.SendAsync(Notice(broken.Url, "n3"), ct);
        Assert.False(refused.Accepted);
        Assert.True(refused.Retryable);
        Assert.False(refused.MayHaveBeenAccepted);
        Assert.Equal("Webhook unreachable: BrokenCircuitException", refused.Error);
        Assert.Equal(reachedBeforeOpen, broken.Requests);

        var other = await sender.SendAsync(Notice(healthy.Url, "n4"), ct);
        Assert.True(other.Accepted, other.Error);
        Assert.Equal(1, healthy.Requests);
    }

    private static WebhookNotice Notice(string url, string noticeId) => new(
        url, "hook", "inc-circuit", noticeId, "Processor", "contoso", DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        "Subject", "Text", "http://127.0.0.1/ack/x");

    /// <summary>A webhook receiver on its own port (its own authority) that answers every POST with one status.</summary>
    private sealed class Endpoint : IAsyncDisposable
    {
        private readonly WebApplication app;
        private int requests;

        private Endpoint(WebApplication app) => this.app = app;

        public string Url { get; private set; } = "";

        public int Requests => Volatile.Read(ref requests);

        public static async Task<Endpoint> StartAsync(int status)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var endpoint = new Endpoint(builder.Build());
            endpoint.app.MapPost("/hook", () =>
            {
                Interlocked.Increment(ref endpoint.requests);
                return Results.StatusCode(status);
            });
            await endpoint.app.StartAsync();
            endpoint.Url = endpoint.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/hook";
            return endpoint;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
