using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Delivery;

/// <summary>
/// <c>Workflow:MaxConcurrentSends</c> bounds the send items one process runs at once (what bounds a fan-out's memory),
/// whatever the queue workers' concurrency, and the items that wait their turn still send each notice once.
/// </summary>
public sealed class SendConcurrencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EightSendItems_WithTwoSendSlots_NeverHaveMoreThanTwoRequestsInFlight_AndSendEachNoticeOnce()
    {
        // One notice per send item, eight items, sixteen queue workers: only the send slots can hold them to two at a time.
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Directory:Path"] = GeneratedDirectory.Write(1, 8, "en-GB");
            s["Workflow:FanOutBatchSize"] = "1";
            s["Workflow:SendBatchSize"] = "1";
            s["Workflow:Concurrency"] = "16";
            s["Workflow:MaxConcurrentSends"] = "2";
        });
        var ct = TestContext.Current.CancellationToken;
        var incidentId = (await (await app.PostDetectionAsync(GeneratedDirectory.Detection("slots-1"))).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        await app.Mail.WaitForMailsAsync(1, TimeSpan.FromSeconds(30));
        // Each request is held after it is captured, so requests the app lets go at once overlap in the capture's log.
        app.Mail.Faults.AnswerDelay = TimeSpan.FromMilliseconds(400);

        (await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (app.NoticeMails.Count < 8 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }

        await Task.Delay(1000, ct);
        var notices = app.NoticeMails;
        Assert.Equal(8, notices.Count);
        Assert.Equal(8, notices.Select(m => m.To).Distinct().Count());
        var numbers = notices.Select(m => m.RequestNumber).ToHashSet();
        var requests = app.Mail.Requests.Where(r => numbers.Contains(r.RequestNumber)).ToList();
        Assert.Equal(8, requests.Count);
        // A request's slot is given back only after its answer is recorded, so at most two requests are ever open together.
        var mostAtOnce = requests.Max(r => requests.Count(o => o.ReceivedAt <= r.ReceivedAt && o.AnsweredAt > r.ReceivedAt));
        Assert.True(mostAtOnce <= 2, $"{mostAtOnce} requests were in flight at once");
    }
}
