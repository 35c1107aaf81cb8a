using System.Net;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>The acknowledgement page's per-client limit is the configured <c>Acknowledgement:PermitsPerMinute</c>.</summary>
public sealed class AcknowledgementRateLimitTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AckPage_PastTheConfiguredPermits_Answers429WithRetryAfter()
    {
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Workflow:RunWorkers"] = "false";
            s["Acknowledgement:PermitsPerMinute"] = "2";
        });
        var ct = TestContext.Current.CancellationToken;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await app.Http.GetAsync("/ack/unknown-token", ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter?.Delta);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }
}
