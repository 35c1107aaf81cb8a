using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Delivery;

public sealed class RateLimitTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A429WithRetryAfter_HoldsEveryWorkerOfTheProcess_UntilTheTimeIsUp()
    {
        var retryAfter = TimeSpan.FromSeconds(2);
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Directory:Path"] = GeneratedDirectory.Write(20, 10, "en-GB");
            s["Workflow:FanOutBatchSize"] = "10";
            s["Workflow:SendBatchSize"] = "10";
            s["Workflow:Concurrency"] = "8";
        });
        var ct = TestContext.Current.CancellationToken;
        var incidentId = (await (await app.PostDetectionAsync(GeneratedDirectory.Detection("rate-1"))).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        await app.Mail.WaitForMailsAsync(1, TimeSpan.FromSeconds(30));
        // Twenty send items, eight workers: while one hears 429, the others are sending too.
        app.Mail.Faults.Delay = TimeSpan.FromMilliseconds(100);
        app.Mail.Faults.FailNext(1, 429, retryAfter);

        (await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (app.NoticeMails.Count < 200 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }

        await Task.Delay(500, ct);
        Assert.Equal(200, app.NoticeMails.Count);
        Assert.Equal(200, app.NoticeMails.Select(m => m.To).Distinct().Count());
        var requests = app.Mail.Requests;
        var limited = Assert.Single(requests, r => r.Status == 429);
        // A request already on its way when the 429 was answered may still arrive; after that, nothing until Retry-After is up.
        var early = requests.Where(r => r.ReceivedAt > limited.AnsweredAt.AddMilliseconds(150) && r.ReceivedAt < limited.AnsweredAt + retryAfter - TimeSpan.FromMilliseconds(100)).ToList();
        Assert.True(early.Count == 0, $"{early.Count} request(s) during the {retryAfter.TotalSeconds} s SendGrid asked for: {string.Join(", ", early.Select(r => (r.ReceivedAt - limited.AnsweredAt).TotalMilliseconds))} ms after");
        Assert.Contains(requests, r => r.ReceivedAt >= limited.AnsweredAt + retryAfter - TimeSpan.FromMilliseconds(100));
    }
}
