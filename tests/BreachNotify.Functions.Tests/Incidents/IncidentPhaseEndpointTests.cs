using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using BreachNotify.Functions.Tests.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Incidents;

/// <summary>Information in phases through the running app on Azurite: an update to an approved incident, its follow-up approval, its closing.</summary>
public sealed class IncidentPhaseEndpointTests(AzuriteFixture azurite)
{
    internal const string First = """{"externalId":"PH-1","title":"Data exfiltration from the EU database","category":"exfiltration","assets":["sqlprod-eu-01.database.windows.net"]}""";

    // The same detection, updated: the exports bucket (fabrikam, tailspin) was reached too.
    internal const string Update = """{"externalId":"PH-1","title":"Data exfiltration from the EU database","category":"exfiltration","assets":["sqlprod-eu-01.database.windows.net","ntc-exports.blob.core.windows.net"]}""";

    [Fact]
    public async Task An_update_that_affects_more_customers_waits_for_a_commander_then_records_the_follow_up_and_the_closing()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var id = (await (await app.PostDetectionAsync(First)).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        await WaitForStatusAsync(app, id, "AwaitingDecision");
        Assert.Equal(HttpStatusCode.OK, (await Decide(app, id, new { decision = "approve" })).StatusCode);
        // contoso's two contacts and cloud-host's one.
        await app.WaitForMailsAsync(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal), 3);
        var commanderMails = app.Mail.Mails.Count(m => m.To == "ic@ntc.example");

        var updated = await (await app.PostDetectionAsync(Update)).Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(id, updated.GetProperty("incidentId").GetString());
        var incident = await WaitForStatusAsync(app, id, "UpdatePending");

        var parties = incident.GetProperty("pendingChanges").GetProperty("parties").EnumerateArray()
            .Select(p => (p.GetProperty("kind").GetString(), p.GetProperty("partyId").GetString(), p.GetProperty("change").GetString())).ToList();
        Assert.Equal([("customer", "fabrikam", "newlyAffected"), ("customer", "tailspin", "newlyAffected")], parties);
        Assert.Contains(incident.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "updatePending");
        // The commanders are asked again.
        await app.WaitForMailsAsync(m => m.To == "ic@ntc.example", commanderMails + 1);

        // The queue puts the pending update first.
        using (var console = new ConsoleClient(app))
        {
            await console.SignInAsync();
            var (_, queue) = await console.GetAsync("/console");
            var rows = new HtmlParser().ParseDocument(queue).QuerySelectorAll("#queue-waiting tbody tr");
            Assert.Contains(id, rows[0].TextContent, StringComparison.Ordinal);
            Assert.Contains("Update pending", rows[0].TextContent, StringComparison.Ordinal);
            var (_, page) = await console.GetAsync($"/console/incidents/{Uri.EscapeDataString(id)}");
            var changed = new HtmlParser().ParseDocument(page).QuerySelectorAll("#changed-parties li").Select(li => li.TextContent).ToList();
            Assert.Equal(2, changed.Count);
            Assert.Contains(changed, c => c.Contains("fabrikam", StringComparison.Ordinal) && c.Contains("newly affected", StringComparison.Ordinal));
        }

        // Refused while the update is pending: a plain approve, a close, a final report with the wrong decision.
        Assert.Equal(HttpStatusCode.Conflict, (await Decide(app, id, new { decision = "approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Decide(app, id, new { decision = "close", finalReport = new { rootCause = "x", measuresTaken = "y" } })).StatusCode);
        var wrong = await Decide(app, id, new { decision = "approve-update", finalReport = new { rootCause = "x", measuresTaken = "y" } });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("finalReport", await wrong.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        var approved = await Decide(app, id, new { decision = "approve-update", comment = "the bucket was reached too" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        incident = await Workflow.EndToEndTests.ReadAsync(app, id);
        Assert.Equal("Approved", incident.GetProperty("status").GetString());
        Assert.False(incident.TryGetProperty("pendingChanges", out _));
        Assert.Equal(["initial", "followUp"], incident.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("kind").GetString()));

        // Closing needs the final report; a bad one is refused and nothing changes.
        var missing = await Decide(app, id, new { decision = "close" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var blank = await Decide(app, id, new { decision = "close", finalReport = new { rootCause = " ", measuresTaken = "Keys rotated" } });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("finalReport.rootCause", await blank.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        var typed = await Decide(app, id, new { decision = "close", finalReport = new { rootCause = 7, measuresTaken = "Keys rotated" } });
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.Equal("Approved", (await Workflow.EndToEndTests.ReadAsync(app, id)).GetProperty("status").GetString());

        var closed = await Decide(app, id, new { decision = "close", finalReport = new { rootCause = "A leaked storage key", measuresTaken = "Keys rotated, access logs reviewed", dataRecovered = false } });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        incident = await Workflow.EndToEndTests.ReadAsync(app, id);
        Assert.Equal("Closed", incident.GetProperty("status").GetString());
        Assert.Equal("A leaked storage key", incident.GetProperty("finalReport").GetProperty("rootCause").GetString());
        Assert.False(incident.GetProperty("finalReport").GetProperty("dataRecovered").GetBoolean());
        Assert.Equal([0, 1, 2], incident.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("sequence").GetInt32()));
        // The first notices keep sequence 0; the follow-up's and the closing's are numbered by their phase (FollowUpNoticeTests says who gets what).
        Assert.Equal(3, incident.GetProperty("notices").EnumerateArray().Count(n => n.GetProperty("sequence").GetInt32() == 0));

        // The register shows the phases.
        using var register = new ConsoleClient(app);
        await register.SignInAsync();
        var (_, csv) = await register.GetAsync("/console/register.csv");
        Assert.Contains("initial, follow up 1, closing 2", csv, StringComparison.Ordinal);
    }

    internal static Task<HttpResponseMessage> Decide(TestApp app, string id, object body) =>
        app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{id}/decision", body), TestContext.Current.CancellationToken);

    internal static async Task<JsonElement> WaitForStatusAsync(TestApp app, string id, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var incident = await Workflow.EndToEndTests.ReadAsync(app, id);
            if (incident.GetProperty("status").GetString() == status)
            {
                return incident;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"incident {id} is {incident.GetProperty("status").GetString()}, not {status}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
