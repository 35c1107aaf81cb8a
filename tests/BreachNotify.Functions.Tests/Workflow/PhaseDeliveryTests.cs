using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Incidents;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.MailCapture;
using BreachNotify.Notices;

namespace BreachNotify.Functions.Tests.Workflow;

/// <summary>
/// What a pending update (GDPR Art. 33(4)) does to what is already under way, through the running app on Azurite and the
/// mail capture: the deadline warnings of the newly affected parties, and the first notices still going out.
/// </summary>
public sealed class PhaseDeliveryTests(AzuriteFixture azurite)
{
    private const string Contoso1 = "privacy@contoso.example";
    private const string Contoso2 = "soc@contoso.example";
    private const string Host = "secresponse@cloud-host.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_party_newly_affected_after_the_warnings_went_out_is_warned_about_at_its_own_due_time()
    {
        // A lead of 50 h: cloud-host (24 h) and contoso (48 h) are inside it at once; so is tailspin (24 h from when it
        // becomes affected), but not fabrikam (72 h from then: its warning is 22 h away).
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:DeadlineWarningMinutes"] = "3000");
        var id = await ApprovedAsync(app);
        await app.WaitForMailsAsync(m => IsWarning(m) && m.Text!.Contains("contoso must have heard by", StringComparison.Ordinal), 2);

        await app.PostDetectionAsync(IncidentPhaseEndpointTests.Update);
        await IncidentPhaseEndpointTests.WaitForStatusAsync(app, id, "UpdatePending");
        await app.WaitForMailsAsync(m => IsWarning(m) && m.Text!.Contains("tailspin must have heard by", StringComparison.Ordinal), 2);

        // Once per due time and commander: cloud-host, contoso, tailspin; nothing yet about fabrikam.
        await Task.Delay(1500, Ct);
        var warnings = app.Mail.Mails.Where(IsWarning).ToList();
        Assert.Equal(6, warnings.Count);
        Assert.DoesNotContain(warnings, m => m.Text!.Contains("fabrikam", StringComparison.Ordinal));
        var kinds = (await EndToEndTests.ReadAsync(app, id)).GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.Equal(3, kinds.Count(k => k == "deadlineWarning"));
    }

    [Fact]
    public async Task First_notices_still_being_sent_when_an_update_becomes_pending_all_go_out_once_and_no_follow_up_before_its_approval()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var posted = await (await app.PostDetectionAsync(IncidentPhaseEndpointTests.First)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = posted.GetProperty("incidentId").GetString()!;
        await IncidentPhaseEndpointTests.WaitForStatusAsync(app, id, "AwaitingDecision");

        // Every send takes 1.5 s (below the attempt timeout): the three first notices are still going out when the update arrives.
        app.Mail.Faults.Delay = TimeSpan.FromMilliseconds(1500);
        Assert.Equal(HttpStatusCode.OK, (await IncidentPhaseEndpointTests.Decide(app, id, new { decision = "approve" })).StatusCode);
        await app.PostDetectionAsync(IncidentPhaseEndpointTests.Update);
        await IncidentPhaseEndpointTests.WaitForStatusAsync(app, id, "UpdatePending");

        await app.WaitForMailsAsync(m => Phase(m) == 0, 3);
        app.Mail.Faults.Clear();
        // Time for anything wrongly sent meanwhile (a follow-up, a repeated first notice) to arrive.
        await Task.Delay(2000, Ct);
        Assert.Equal([Contoso1, Host, Contoso2], app.NoticeMails.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(app.NoticeMails, m => Phase(m) != 0);

        Assert.Equal(HttpStatusCode.OK, (await IncidentPhaseEndpointTests.Decide(app, id, new { decision = "approve-update", comment = "the bucket was reached too" })).StatusCode);
        await app.WaitForMailsAsync(m => Phase(m) == 1, 5);
        await Task.Delay(1500, Ct);
        foreach (var told in new[] { Contoso1, Contoso2, Host })
        {
            Assert.Equal([0, 1], app.NoticeMails.Where(m => m.To == told).Select(Phase).Order());
        }
    }

    private static async Task<string> ApprovedAsync(TestApp app)
    {
        var posted = await (await app.PostDetectionAsync(IncidentPhaseEndpointTests.First)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = posted.GetProperty("incidentId").GetString()!;
        await IncidentPhaseEndpointTests.WaitForStatusAsync(app, id, "AwaitingDecision");
        Assert.Equal(HttpStatusCode.OK, (await IncidentPhaseEndpointTests.Decide(app, id, new { decision = "approve" })).StatusCode);
        await app.WaitForMailsAsync(m => Phase(m) == 0, 3);
        return id;
    }

    private static bool IsWarning(CapturedMail mail) => mail.Subject.StartsWith("DEADLINE", StringComparison.Ordinal);

    /// <summary>The phase of a captured notice, from its reference (<c>incidentId/noticeId</c>); -1 for a mail that is not a notice.</summary>
    private static int Phase(CapturedMail mail) =>
        mail.CustomArgs.TryGetValue("notice_ref", out var reference) && !mail.To.EndsWith("@ntc.example", StringComparison.Ordinal)
            ? NoticeId.PhaseOf(reference.Split('/')[1]) : -1;
}
