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

        var alert = (await app.WaitForMailsAsync(m => m.Subject.StartsWith("DELIVERY FAILED", StringComparison.Ordinal)))[0];
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

    [Fact]
    public async Task ProviderTimingOut_LeavesNoticesSending_ThenTheTakeoverAsksTheProviderAndDeliversEachOnce()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var incidentId = (await (await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"))).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        await app.Mail.WaitForMailsAsync(1, TimeSpan.FromSeconds(30));
        // Slower than the attempt timeout (2 s) and the whole send (4 s): the app cannot know whether SendGrid took them.
        app.Mail.Faults.Delay = TimeSpan.FromSeconds(6);

        (await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct)).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var during = (await EndToEndTests.ReadAsync(app, incidentId)).GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("status").GetString()).ToList();
        app.Mail.Faults.Clear();

        // Unknown outcome: the notice whose send timed out stays "sending" until its lease ends (the others were handed back
        // untried, because the lease would not outlast another send); none counts as sent.
        Assert.Contains("Sending", during);
        Assert.DoesNotContain("Sent", during);
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (app.Mail.Mails.Count(m => m.Subject.StartsWith("Personal data", StringComparison.Ordinal) || m.Subject.StartsWith("Meldung", StringComparison.Ordinal)) < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }

        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var notices = app.NoticeMails;
        Assert.Equal(3, notices.Count);
        Assert.Equal(3, notices.Select(m => m.To).Distinct().Count());
        Assert.Equal(3, (await EndToEndTests.ReadAsync(app, incidentId)).GetProperty("noticeCounts").GetProperty("sent").GetInt32());
    }

    [Fact]
    public async Task ProviderAcceptingButAnsweringAfterTheAttemptTimeout_GetsEachNoticeOnce_NotAgainFromTheHttpRetries()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var incidentId = (await (await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"))).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        await app.Mail.WaitForMailsAsync(1, TimeSpan.FromSeconds(30));
        // SendGrid takes each request at once but answers after 3 s, past the attempt timeout (2 s): a retry of the
        // timed-out attempt would hand it the same notices a second time.
        app.Mail.Faults.AnswerDelay = TimeSpan.FromSeconds(3);

        (await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var sent = 0;
        while (sent < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500, ct);
            sent = (await EndToEndTests.ReadAsync(app, incidentId)).GetProperty("noticeCounts").GetProperty("sent").GetInt32();
        }

        app.Mail.Faults.Clear();
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        Assert.Equal(3, sent);
        var notices = app.NoticeMails;
        Assert.Equal(3, notices.Select(m => m.To).Distinct().Count());
        Assert.Equal(3, notices.Count);
    }
}
