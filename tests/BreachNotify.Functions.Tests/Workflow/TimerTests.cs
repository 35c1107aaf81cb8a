using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Workflow;

/// <summary>Second-scale timers in real time, as delayed queue messages on Azurite.</summary>
public sealed class TimerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task NoDecision_EscalatesToBackupAtEachInterval_AndStopsOnceApproved()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:ApprovalEscalationMinutes"] = "0.05");
        var ct = TestContext.Current.CancellationToken;
        var accepted = await (await app.PostDetectionAsync(TestApp.Fixture("generic-subprocessor-report.json"))).Content.ReadFromJsonAsync<JsonElement>(ct);
        var incidentId = accepted.GetProperty("incidentId").GetString()!;

        // The first request goes to the primary; every 3 s an escalation adds the backup.
        var mails = await app.Mail.WaitForMailsAsync(5, TimeSpan.FromSeconds(30));
        Assert.Equal("ic@ntc.example", mails[0].To);
        Assert.StartsWith("Decision needed", mails[0].Subject);
        Assert.Contains(mails.Skip(1), m => m.To == "ic-backup@ntc.example" && m.Subject.StartsWith("ESCALATION 1", StringComparison.Ordinal));

        var approve = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct);
        approve.EnsureSuccessStatusCode();
        var escalationsAtApproval = Escalations(app);
        await Task.Delay(TimeSpan.FromSeconds(8), ct);

        Assert.Equal(escalationsAtApproval, Escalations(app));
        var timeline = (await EndToEndTests.ReadAsync(app, incidentId)).GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.Contains("approvalEscalated", timeline);
    }

    [Fact]
    public async Task UnacknowledgedNotices_GetBoundedReminders_ThenCommandersHear_AndAnAcknowledgedOneGetsNone()
    {
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Workflow:AckReminderMinutes"] = "0.05";
            s["Workflow:MaxAckReminders"] = "2";
            s["Workflow:ApprovalEscalationMinutes"] = "60";
        });
        var ct = TestContext.Current.CancellationToken;
        var accepted = await (await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"))).Content.ReadFromJsonAsync<JsonElement>(ct);
        var incidentId = accepted.GetProperty("incidentId").GetString()!;
        (await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct)).EnsureSuccessStatusCode();
        var notices = await app.WaitForMailsAsync(m => m.Subject.StartsWith("Personal data", StringComparison.Ordinal) || m.Subject.StartsWith("Meldung", StringComparison.Ordinal), 3);

        // soc@contoso acknowledges at once: it must get no reminder.
        var (response, _) = await AckPage.AcknowledgeAsync(new Uri(AckPage.LinkIn(notices.Single(m => m.To == "soc@contoso.example").Html!)), "Quick Responder");
        response.EnsureSuccessStatusCode();

        // Two reminder rounds for the two silent recipients, then one escalation to the commanders.
        await app.WaitForMailsAsync(m => m.Subject.StartsWith("Unacknowledged notices", StringComparison.Ordinal), 2);
        await Task.Delay(TimeSpan.FromSeconds(6), ct);
        var reminders = app.Mail.Mails.Where(m => m.Subject.StartsWith("Reminder:", StringComparison.Ordinal) || m.Subject.StartsWith("Erinnerung:", StringComparison.Ordinal)).ToList();

        Assert.DoesNotContain(reminders, m => m.To == "soc@contoso.example");
        Assert.Equal(2, reminders.Count(m => m.To == "privacy@contoso.example"));
        Assert.Equal(2, reminders.Count(m => m.To == "secresponse@cloud-host.example"));
        // A reminder's own link acknowledges too.
        var (fromReminder, html) = await AckPage.AcknowledgeAsync(new Uri(AckPage.LinkIn(reminders.Last(m => m.To == "privacy@contoso.example").Html!)), "Late Reader");
        Assert.Contains("Your acknowledgement is recorded", html);
    }

    private static int Escalations(TestApp app) => app.Mail.Mails.Count(m => m.Subject.StartsWith("ESCALATION", StringComparison.Ordinal));
}
