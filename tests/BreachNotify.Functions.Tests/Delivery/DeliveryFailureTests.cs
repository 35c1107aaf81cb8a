using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Tests.Workflow;

namespace BreachNotify.Functions.Tests.Delivery;

public sealed class DeliveryFailureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ProviderRefusingTheRequest_MarksNoticesFailed_AndAlertsTheCommanders()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var incidentId = (await (await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"))).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        await app.Mail.WaitForMailsAsync(1, TimeSpan.FromSeconds(30));
        // The three notice requests (contoso de-DE, contoso en-GB, cloud-host) are refused as malformed.
        app.Mail.Faults.FailNext(3, 400);

        (await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct)).EnsureSuccessStatusCode();

        var alert = await WaitForAsync(app, m => m.Subject.StartsWith("DELIVERY FAILED", StringComparison.Ordinal));
        Assert.Contains(incidentId, alert.Subject);
        var incident = await EndToEndTests.ReadAsync(app, incidentId);
        Assert.Equal(3, incident.GetProperty("noticeCounts").GetProperty("failed").GetInt32());
        Assert.All(incident.GetProperty("notices").EnumerateArray(), n => Assert.Equal("SendGrid answered 400", n.GetProperty("lastError").GetString()));
    }

    [Fact]
    public async Task ProviderFailingPastTheBoundedTime_MarksNoticesFailed_AndSendsNothing()
    {
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Workflow:SendGiveUpMinutes"] = "0.05";
            s["SendGrid:MaxRetries"] = "1";
        });
        var ct = TestContext.Current.CancellationToken;
        var incidentId = (await (await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"))).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        await app.Mail.WaitForMailsAsync(1, TimeSpan.FromSeconds(30));
        // The provider is down for good.
        app.Mail.Faults.FailNext(10_000, 503);

        (await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct)).EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        var failed = 0;
        while (failed < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500, ct);
            failed = (await EndToEndTests.ReadAsync(app, incidentId)).GetProperty("noticeCounts").GetProperty("failed").GetInt32();
        }

        Assert.Equal(3, failed);
        Assert.DoesNotContain(app.Mail.Mails, m => m.Subject.StartsWith("Personal data", StringComparison.Ordinal));
        Assert.True(app.Mail.RequestCount > 3, "the notices were tried more than once before being given up");
    }

    private static async Task<MailCapture.CapturedMail> WaitForAsync(TestApp app, Func<MailCapture.CapturedMail, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (DateTime.UtcNow < deadline)
        {
            if (app.Mail.Mails.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No matching mail; have: {string.Join(" | ", app.Mail.Mails.Select(m => m.Subject))}");
    }
}
