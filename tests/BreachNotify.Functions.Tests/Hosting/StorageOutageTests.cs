using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>Storage stopped under a running app, then started again on the same ports and data.</summary>
public sealed class StorageOutageTests(AzuriteFixture azurite)
{
    private static readonly string First = TestApp.Fixture("generic-subprocessor-report.json");
    private static readonly string Second = First.Replace("LLM-SEC-2026-0117", "LLM-SEC-2026-0999", StringComparison.Ordinal);

    [Fact]
    public async Task StorageDown_IngestAndReadyzAnswer503ProblemWithRetryAfter_AndRecoverWhenItIsBack()
    {
        await using var storage = await OwnAzurite.StartAsync();
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Storage:ConnectionString"] = storage.ConnectionString;
            s["Workflow:RunWorkers"] = "false";
        });
        var cancellationToken = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostDetectionAsync(First)).StatusCode);

        storage.Stop();

        var refused = await app.PostDetectionAsync(Second);
        await AssertUnavailableAsync(refused, "Storage unavailable");
        var ready = await app.Http.GetAsync("/readyz", cancellationToken);
        await AssertUnavailableAsync(ready, "Storage unreachable");

        await storage.StartAgainAsync();

        var back = await app.Http.GetAsync("/readyz", cancellationToken);
        Assert.True(back.StatusCode == HttpStatusCode.OK, await back.Content.ReadAsStringAsync(cancellationToken));
        // The refused detection was not taken: its resend is new, not a duplicate; the first one is still there.
        var resent = await app.PostDetectionAsync(Second);
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        var body = await resent.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.False(body.GetProperty("duplicate").GetBoolean());
        var again = await (await app.PostDetectionAsync(First)).Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.True(again.GetProperty("duplicate").GetBoolean());
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response, string title)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
    }
}
