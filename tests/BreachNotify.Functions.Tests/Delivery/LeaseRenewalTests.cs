using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Delivery;

public sealed class LeaseRenewalTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AWorkItemWhoseRequestsOutlastItsClaim_RenewsTheClaim_AndSendsEachNoticeOnceOnItsFirstAttempt()
    {
        // Six requests of two, each answered after 1.5 s: 9 s of sending against a 5 s lease, of which a send may start only
        // in the first second (a whole send may take 4 s). Handing the rest back would claim them again (attempt 2).
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Directory:Path"] = GeneratedDirectory.Write(1, 12, "en-GB");
            s["SendGrid:MaxRecipientsPerRequest"] = "2";
        });
        var ct = TestContext.Current.CancellationToken;
        var incidentId = (await (await app.PostDetectionAsync(GeneratedDirectory.Detection("lease-1"))).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        await app.Mail.WaitForMailsAsync(1, TimeSpan.FromSeconds(30));
        app.Mail.Faults.Delay = TimeSpan.FromMilliseconds(1500);

        (await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (app.NoticeMails.Count < 12 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }

        await Task.Delay(1000, ct);
        var notices = app.NoticeMails;
        Assert.Equal(12, notices.Count);
        Assert.Equal(12, notices.Select(m => m.To).Distinct().Count());
        Assert.All(notices, m => Assert.Equal("1", m.CustomArgs["attempt"]));
        Assert.Equal(6, notices.Select(m => m.RequestNumber).Distinct().Count());
        // The precondition: the sending did outlast the lease.
        var times = notices.Select(m => m.ReceivedAt).ToList();
        Assert.True(times.Max() - times.Min() > TimeSpan.FromSeconds(5), $"sent within {(times.Max() - times.Min()).TotalSeconds:F1} s");
    }
}
