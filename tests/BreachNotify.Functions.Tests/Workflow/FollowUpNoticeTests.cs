using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Incidents;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using BreachNotify.MailCapture;
using BreachNotify.Notices;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.Workflow;

/// <summary>
/// Follow-up and closing notices (GDPR Art. 33(4)) through the running app on Azurite and the mail capture: who gets which
/// notice of which phase, once each, whatever is repeated or redelivered. The sample directory: the EU database concerns
/// contoso (two contacts: privacy@ in German, soc@ in English) and its host cloud-host (one); the exports bucket concerns
/// fabrikam and tailspin (one each) and the same host.
/// </summary>
public sealed class FollowUpNoticeTests(AzuriteFixture azurite)
{
    // The same detection narrowed to the exports bucket: contoso's data was not reached after all.
    private const string Narrowed = """{"externalId":"PH-1","title":"Data exfiltration from the EU database","category":"exfiltration","assets":["ntc-exports.blob.core.windows.net"]}""";

    private const string Contoso1 = "privacy@contoso.example";
    private const string Contoso2 = "soc@contoso.example";
    private const string Host = "secresponse@cloud-host.example";
    private const string Fabrikam = "legal@fabrikam.example";
    private const string Tailspin = "dpo@tailspin.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApproveUpdate_SendsEachToldRecipientOneFollowUp_AndEachNewlyAffectedOneFirstNotice_ThenCloseSendsEveryoneOneClosing()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var id = await ApprovedAsync(app);

        await app.PostDetectionAsync(IncidentPhaseEndpointTests.Update);
        await IncidentPhaseEndpointTests.WaitForStatusAsync(app, id, "UpdatePending");
        Assert.Equal(HttpStatusCode.OK, (await Decide(app, id, new { decision = "approve-update", comment = "the bucket was reached too" })).StatusCode);
        await app.WaitForMailsAsync(m => Phase(m) == 1, 5);

        // A repeated approval and a redelivered fan-out (run here to its end) send nothing more.
        Assert.Equal(HttpStatusCode.OK, (await Decide(app, id, new { decision = "approve-update" })).StatusCode);
        await app.Services.GetRequiredService<WorkItemHandler>().HandleAsync(new WorkItem(WorkItemKind.FanOut, id, Phase: 1), Ct);
        await app.Services.GetRequiredService<WorkItemHandler>().HandleAsync(new WorkItem(WorkItemKind.SendBatch, id, Phase: 1), Ct);

        Assert.Equal(HttpStatusCode.OK, (await Decide(app, id, new { decision = "close", finalReport = new { rootCause = "A leaked storage key", measuresTaken = "Keys rotated, access logs reviewed", dataRecovered = false } })).StatusCode);
        await app.WaitForMailsAsync(m => Phase(m) == 2, 5);
        Assert.Equal(HttpStatusCode.OK, (await Decide(app, id, new { decision = "close", finalReport = new { rootCause = "Another cause", measuresTaken = "More", dataRecovered = true } })).StatusCode);
        await app.Services.GetRequiredService<WorkItemHandler>().HandleAsync(new WorkItem(WorkItemKind.FanOut, id, Phase: 2), Ct);
        await app.Services.GetRequiredService<WorkItemHandler>().HandleAsync(new WorkItem(WorkItemKind.FanOut, id, Phase: 1), Ct);

        // Per recipient and phase: exactly one notice each; the newly affected get a first notice in phase 1, not a follow-up.
        var notices = app.NoticeMails;
        Assert.Equal(13, notices.Count);
        foreach (var told in new[] { Contoso1, Contoso2, Host })
        {
            Assert.Equal([0, 1, 2], notices.Where(m => m.To == told).Select(Phase).Order());
        }

        foreach (var added in new[] { Fabrikam, Tailspin })
        {
            Assert.Equal([1, 2], notices.Where(m => m.To == added).Select(Phase).Order());
            Assert.StartsWith("Personal data breach notice from", notices.Single(m => m.To == added && Phase(m) == 1).Subject, StringComparison.Ordinal);
        }

        // The follow-up says what changed (fields before and after, other parties only as counts) and names the notice it follows.
        var followUp = notices.Single(m => m.To == Contoso2 && Phase(m) == 1);
        Assert.StartsWith($"Follow-up 1 to the personal data breach notice from Northwind Talent Cloud, incident {id}", followUp.Subject, StringComparison.Ordinal);
        Assert.Contains("It follows our notice 0 of", followUp.Text, StringComparison.Ordinal);
        Assert.Contains("Categories of personal data: ", followUp.Text, StringComparison.Ordinal);
        Assert.Contains("→", followUp.Text, StringComparison.Ordinal);
        Assert.Contains("Parties newly affected: 2", followUp.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Fabrikam", followUp.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tailspin", followUp.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("no longer affected", followUp.Text, StringComparison.Ordinal);
        Assert.StartsWith("Nachtrag 1 zur Meldung", notices.Single(m => m.To == Contoso1 && Phase(m) == 1).Subject, StringComparison.Ordinal);

        // The closing carries the final report of the first close, not the repeated one.
        var closing = notices.Single(m => m.To == Fabrikam && Phase(m) == 2);
        Assert.StartsWith($"Closing notice 2: personal data breach incident {id}", closing.Subject, StringComparison.Ordinal);
        Assert.Contains("Root cause: A leaked storage key", closing.Text, StringComparison.Ordinal);
        Assert.Contains("Personal data recovered: no", closing.Text, StringComparison.Ordinal);
        Assert.Contains("our notice 1 of", closing.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Another cause", string.Concat(notices.Select(m => m.Text)), StringComparison.Ordinal);

        // The incident JSON: every notice with its sequence and kind; a follow-up and a closing refer to their recipient's first notice.
        var incident = await EndToEndTests.ReadAsync(app, id);
        var rows = incident.GetProperty("notices").EnumerateArray().Select(n => new
        {
            Id = n.GetProperty("noticeId").GetString()!,
            Email = n.GetProperty("contact").GetProperty("email").GetString()!,
            Sequence = n.GetProperty("sequence").GetInt32(),
            Kind = n.GetProperty("kind").GetString()!,
            RefersTo = n.TryGetProperty("refersTo", out var r) ? r.GetString() : null,
            Status = n.GetProperty("status").GetString()!,
        }).ToList();
        Assert.Equal(13, rows.Count);
        Assert.All(rows, r => Assert.Equal("Sent", r.Status));
        Assert.Equal(["initial", "initial", "initial"], rows.Where(r => r.Sequence == 0).Select(r => r.Kind));
        Assert.Equal(["followUp", "followUp", "followUp", "initial", "initial"], rows.Where(r => r.Sequence == 1).Select(r => r.Kind));
        Assert.All(rows.Where(r => r.Sequence == 2), r => Assert.Equal("closing", r.Kind));
        string FirstOf(string email) => rows.Single(r => r.Email == email && r.Kind == "initial").Id;
        Assert.All(rows.Where(r => r.Kind != "initial"), r => Assert.Equal(FirstOf(r.Email), r.RefersTo));
        Assert.Equal("p1-n00003", FirstOf(Fabrikam));
        Assert.All(rows.Where(r => r.Sequence > 0), r => Assert.StartsWith($"p{r.Sequence}-n", r.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFollowUpTellsAPartyNoLongerAffectedSo_AndTheClosingThenLeavesItOut()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var id = await ApprovedAsync(app);
        await app.PostDetectionAsync(IncidentPhaseEndpointTests.Update);
        await IncidentPhaseEndpointTests.WaitForStatusAsync(app, id, "UpdatePending");
        Assert.Equal(HttpStatusCode.OK, (await Decide(app, id, new { decision = "approve-update" })).StatusCode);
        await app.WaitForMailsAsync(m => Phase(m) == 1, 5);

        await app.PostDetectionAsync(Narrowed);
        var pending = await IncidentPhaseEndpointTests.WaitForStatusAsync(app, id, "UpdatePending");
        Assert.Contains(pending.GetProperty("pendingChanges").GetProperty("parties").EnumerateArray(),
            p => p.GetProperty("partyId").GetString() == "contoso" && p.GetProperty("change").GetString() == "noLongerAffected");
        Assert.Equal(HttpStatusCode.OK, (await Decide(app, id, new { decision = "approve-update" })).StatusCode);
        await app.WaitForMailsAsync(m => Phase(m) == 2, 5);

        var told = app.NoticeMails.Where(m => Phase(m) == 2).ToList();
        Assert.Equal(new[] { Contoso1, Contoso2, Host, Fabrikam, Tailspin }.Order(StringComparer.Ordinal), told.Select(m => m.To).Order(StringComparer.Ordinal));
        var gone = told.Single(m => m.To == Contoso2);
        Assert.Contains("Our further investigation found that the data we process for you is not affected by this incident.", gone.Text, StringComparison.Ordinal);
        Assert.Contains("Your organisation: no longer affected", gone.Text, StringComparison.Ordinal);
        Assert.Contains("Nach unserer weiteren Untersuchung", told.Single(m => m.To == Contoso1).Text, StringComparison.Ordinal);
        var still = told.Single(m => m.To == Fabrikam);
        Assert.DoesNotContain("not affected by this incident", still.Text, StringComparison.Ordinal);
        Assert.Contains("Parties no longer affected: 1", still.Text, StringComparison.Ordinal);
        Assert.Contains("It follows our notice 1 of", still.Text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await Decide(app, id, new { decision = "close", finalReport = new { rootCause = "A leaked storage key", measuresTaken = "Keys rotated" } })).StatusCode);
        await app.WaitForMailsAsync(m => Phase(m) == 3, 3);
        await app.Services.GetRequiredService<WorkItemHandler>().HandleAsync(new WorkItem(WorkItemKind.FanOut, id, Phase: 3), Ct);
        Assert.Equal(new[] { Host, Fabrikam, Tailspin }.Order(StringComparer.Ordinal), app.NoticeMails.Where(m => Phase(m) == 3).Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.Contains("Personal data recovered: not known", app.NoticeMails.Single(m => m.To == Host && Phase(m) == 3).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFollowUpsReminder_NamesTheFollowUpAndItsChanges_AndLinksToTheFollowUpNotice_NeverToTheFirst()
    {
        // Reminders every six seconds, one round; the first notices are acknowledged first, so only the follow-ups are reminded of.
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Workflow:AckReminderMinutes"] = "0.1";
            s["Workflow:MaxAckReminders"] = "1";
        });
        var id = await ApprovedAsync(app);
        foreach (var first in app.NoticeMails.Where(m => Phase(m) == 0).ToList())
        {
            var (response, _) = await AckPage.AcknowledgeAsync(new Uri(AckPage.LinkIn(first.Html!)), "Reader");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await app.PostDetectionAsync(IncidentPhaseEndpointTests.Update);
        await IncidentPhaseEndpointTests.WaitForStatusAsync(app, id, "UpdatePending");
        Assert.Equal(HttpStatusCode.OK, (await Decide(app, id, new { decision = "approve-update" })).StatusCode);

        var reminder = (await app.WaitForMailsAsync(m => m.To == Contoso2 && m.Subject.StartsWith("Reminder:", StringComparison.Ordinal))).Single();
        Assert.Equal($"Reminder: notice 1 on personal data breach incident {id} from Northwind Talent Cloud", reminder.Subject);
        Assert.Contains("a follow-up saying what has changed", reminder.Text, StringComparison.Ordinal);
        Assert.Contains("Parties newly affected: 2", reminder.Text, StringComparison.Ordinal);
        // Its link is a fresh token of the follow-up's notice row (p1-...), and the page it opens says so.
        var link = AckPage.LinkIn(reminder.Html!);
        Assert.Contains($"/ack/{id}.p1-n", link, StringComparison.Ordinal);
        using var http = new HttpClient();
        var page = await http.GetStringAsync(link, Ct);
        Assert.StartsWith("1, follow-up to notice n0000", Html.TextOf(page, "notice-sequence"), StringComparison.Ordinal);
        // The newly affected parties' first notices are reminded of with the first notice's reminder.
        var added = (await app.WaitForMailsAsync(m => m.To == Fabrikam && m.Subject.StartsWith("Reminder:", StringComparison.Ordinal))).Single();
        Assert.StartsWith("Reminder: personal data breach notice", added.Subject, StringComparison.Ordinal);
        // Reminders carry no notice reference: the recipients told before got one reminder each, the follow-up's.
        Assert.All(new[] { Contoso1, Contoso2, Host }, to => Assert.DoesNotContain(app.Mail.Mails, m => m.To == to && m.Subject.StartsWith("Reminder: personal data breach notice", StringComparison.Ordinal)));
    }

    /// <summary>Approves the first detection's incident and waits for its three first notices.</summary>
    private static async Task<string> ApprovedAsync(TestApp app)
    {
        var posted = await (await app.PostDetectionAsync(IncidentPhaseEndpointTests.First)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = posted.GetProperty("incidentId").GetString()!;
        await IncidentPhaseEndpointTests.WaitForStatusAsync(app, id, "AwaitingDecision");
        Assert.Equal(HttpStatusCode.OK, (await Decide(app, id, new { decision = "approve" })).StatusCode);
        await app.WaitForMailsAsync(m => Phase(m) == 0, 3);
        return id;
    }

    private static Task<HttpResponseMessage> Decide(TestApp app, string id, object body) => IncidentPhaseEndpointTests.Decide(app, id, body);

    /// <summary>The phase of a captured notice, from its reference (<c>incidentId/noticeId</c>); -1 for a mail that is not a notice.</summary>
    private static int Phase(CapturedMail mail) =>
        mail.CustomArgs.TryGetValue("notice_ref", out var reference) && !mail.To.EndsWith("@ntc.example", StringComparison.Ordinal)
            ? NoticeId.PhaseOf(reference.Split('/')[1]) : -1;
}
