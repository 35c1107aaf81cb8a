using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Workflow;

public sealed class DeadlineWarningTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task DueTimesWithinTheLead_WarnTheCommandersOncePerDueTime_AndTheTimelineShowsIt()
    {
        // A lead longer than every contract (48 h) puts both due times of the OCSF incident inside it at once.
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:DeadlineWarningMinutes"] = "3000");
        var ct = TestContext.Current.CancellationToken;
        var incidentId = (await (await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"))).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Warnings(app).Count < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }

        await Task.Delay(1500, ct);
        var warnings = Warnings(app);
        // Two due times (cloud-host 24 h, contoso 48 h), each mailed to both commanders, once.
        Assert.Equal(4, warnings.Count);
        Assert.Equal(2, warnings.Count(m => m.To == "ic@ntc.example"));
        Assert.Contains(warnings, m => m.Text!.Contains("cloud-host must have heard by", StringComparison.Ordinal) && m.Text.Contains("still waits for a decision", StringComparison.Ordinal));
        Assert.Contains(warnings, m => m.Text!.Contains("contoso must have heard by", StringComparison.Ordinal));
        var kinds = (await EndToEndTests.ReadAsync(app, incidentId)).GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.Equal(2, kinds.Count(k => k == "deadlineWarning"));
    }

    private static List<MailCapture.CapturedMail> Warnings(TestApp app) =>
        [.. app.Mail.Mails.Where(m => m.Subject.StartsWith("DEADLINE", StringComparison.Ordinal))];
}
