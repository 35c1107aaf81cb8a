using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Delivery;

public sealed class BatchingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ThousandContactsOfOneCustomerInOneLanguage_GoOutInOneRequestOfAThousandPersonalizations()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Directory:Path"] = GeneratedDirectory.Write(1, 1000, "en-GB"));
        var ct = TestContext.Current.CancellationToken;
        var incidentId = (await (await app.PostDetectionAsync(GeneratedDirectory.Detection("batch-1"))).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        (await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct)).EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (app.NoticeMails.Count < 1000 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }

        var notices = app.NoticeMails;
        Assert.Equal(1000, notices.Count);
        Assert.Equal(1000, notices.Select(m => m.To).Distinct().Count());
        // Every personalization of one request: one SendGrid call for the thousand.
        Assert.Single(notices.Select(m => m.RequestNumber).Distinct());
        // Each still has its own acknowledgement link.
        Assert.Equal(1000, notices.Select(m => AckPage.LinkIn(m.Html!)).Distinct().Count());
    }
}
