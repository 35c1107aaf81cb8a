using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>The queue, the incident page, deciding from the console, the progress view and the evidence exports.</summary>
public sealed class ConsoleIncidentTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Queue_ListsTheIncidentAwaitingADecisionFirst_WithServerComputedCountdown()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(azurite, time: time);
        var rejected = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        time.Advance(TimeSpan.FromMinutes(5));
        var waiting = await ConsoleClient.PostFixtureAsync(app, "generic-subprocessor-report.json");
        var decision = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{rejected}/decision", new { decision = "reject", comment = "test" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        time.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(7));
        using var client = new ConsoleClient(app);
        await client.SignInAsync();

        var (response, html) = await client.GetAsync("/console");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = Html.Parse(html).QuerySelectorAll("tr.incident").Select(r => r.GetAttribute("data-id")).ToList();
        Assert.Equal([waiting, rejected], order);
        var waitingTable = ConsoleClient.TextOf(html, "queue-waiting");
        var earliest = (await ConsoleClient.ApiReadAsync(app, waiting)).GetProperty("deadlines").EnumerateArray().Min(d => d.GetProperty("dueAt").GetDateTimeOffset());
        // Worked out by hand: aware at 08:05, the shortest limit among its parties 24 h (the directory's default), so due
        // 2026-03-11 08:05 UTC; the page is read at 11:12, 20 h 53 min before that.
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 8, 5, 0, TimeSpan.Zero), earliest);
        Assert.Contains("in 20 h 53 min", waitingTable);
        var document = Html.Parse(html);
        Assert.Contains("2026-03-11T08:05:00.0000000+00:00", document.QuerySelectorAll("#queue-waiting .countdown").Select(c => c.GetAttribute("data-due")));
        Assert.DoesNotContain(rejected, waitingTable);
        Assert.NotNull(document.Head!.QuerySelector("script[src='/assets/console.js'][defer]"));
        var script = await app.Http.GetAsync("/assets/console.js", TestContext.Current.CancellationToken);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ReceivedIncident_NotYetClassified_OffersReclassifyButNotApprove()
    {
        // No workers: the incident stays as ingest left it, recorded and not classified.
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        using var client = new ConsoleClient(app);
        await client.SignInAsync();

        var (page, html) = await client.GetAsync($"/console/incidents/{incidentId}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Received", ConsoleClient.TextOf(html, "status"));
        Assert.Contains("Not classified yet.", html);
        var decisions = Html.Parse(html).QuerySelectorAll("form.decision input[name=decision]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains("reclassify", decisions);
        Assert.DoesNotContain("approve", decisions);
    }

    [Fact]
    public async Task Approve_FromTheConsole_SendsTheNotices_AndTheProgressViewShowsEachRecipient()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        var (page, html) = await client.GetAsync($"/console/incidents/{incidentId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Awaiting decision", ConsoleClient.TextOf(html, "status"));
        Assert.Contains("contoso", ConsoleClient.TextOf(html, "customers"));
        Assert.Contains("cloud-host", ConsoleClient.TextOf(html, "subprocessors"));
        Assert.NotEmpty(Html.Parse(html).QuerySelectorAll("ol.rationale > li"));

        var (invalid, invalidHtml) = await client.PostFormAsync($"/console/incidents/{incidentId}/decision", [new("decision", "reclassify"), new("verdict", "notPersonalDataBreach")]);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("reason for reclassifying is required", invalidHtml);

        var (decided, _) = await client.PostFormAsync($"/console/incidents/{incidentId}/decision", [new("decision", "approve"), new("comment", "confirmed from the console")]);
        Assert.Equal(HttpStatusCode.SeeOther, decided.StatusCode);

        // The approval request to the commanders may or may not have gone out before the decision; only notices count.
        var until = DateTime.UtcNow + Wait;
        while (Notices(app).Count < 3 && DateTime.UtcNow < until)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal(["privacy@contoso.example", "secresponse@cloud-host.example", "soc@contoso.example"], Notices(app).Order().ToArray());
        var view = await ConsoleClient.ApiReadAsync(app, incidentId);
        Assert.Equal("commander:ic-primary", view.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "approved").GetProperty("actor").GetString());

        var deadline = DateTime.UtcNow + Wait;
        string progress;
        do
        {
            (_, progress) = await client.GetAsync($"/console/incidents/{incidentId}");
        }
        while (ConsoleClient.TextOf(progress, "count-sent") != "3" && DateTime.UtcNow < deadline && await Delay());

        Assert.Equal("3", ConsoleClient.TextOf(progress, "count-sent"));
        Assert.Equal("0", ConsoleClient.TextOf(progress, "count-pending"));
        var bar = Html.Parse(progress).GetElementById("bar-sent")!;
        Assert.Equal(("progress", "3", "3"), (bar.LocalName, bar.GetAttribute("max"), bar.GetAttribute("value")));
        var notices = ConsoleClient.TextOf(progress, "notices");
        foreach (var email in new[] { "privacy@contoso.example", "soc@contoso.example", "secresponse@cloud-host.example" })
        {
            Assert.Contains(email, notices);
        }

        Assert.Equal(3, Html.Parse(progress).QuerySelectorAll("tr.notice[data-status='Sent']").Length);
        Assert.DoesNotContain("name=\"decision\" value=\"approve\"", progress);
    }

    [Fact]
    public async Task Exports_MatchTheApiView_NoticesCsvHasOneRowPerNotice_AndTheReportHoldsEveryTimelineEntry()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "generic-subprocessor-report.json");
        await app.Mail.WaitForMailsAsync(1, Wait);
        var approve = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var deadline = DateTime.UtcNow + Wait;
        while ((await ConsoleClient.ApiReadAsync(app, incidentId)).GetProperty("noticeCounts").GetProperty("sent").GetInt32() < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        var api = await ConsoleClient.ApiReadAsync(app, incidentId);
        Assert.Equal(4, api.GetProperty("noticeCounts").GetProperty("sent").GetInt32());

        var (json, jsonBody) = await client.GetAsync($"/console/incidents/{incidentId}/export.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition?.DispositionType);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(api.GetRawText()), JsonNode.Parse(jsonBody)), jsonBody);

        var (csv, csvBody) = await client.GetAsync($"/console/incidents/{incidentId}/notices.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = csvBody.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("notice id,recipient,contact email,status,sent,delivered,acknowledged,acknowledged by", lines[0]);
        var notices = api.GetProperty("notices").EnumerateArray().ToList();
        Assert.Equal(notices.Count, lines.Length - 1);
        foreach (var n in notices)
        {
            Assert.Contains(lines, l => l.StartsWith($"{n.GetProperty("noticeId").GetString()},{n.GetProperty("recipientId").GetString()},{n.GetProperty("contact").GetProperty("email").GetString()},", StringComparison.Ordinal));
        }

        var (report, reportHtml) = await client.GetAsync($"/console/incidents/{incidentId}/report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var rows = Html.Parse(reportHtml).QuerySelectorAll("tr.timeline-entry")
            .Select(r => (At: DateTimeOffset.Parse(r.QuerySelector("time")!.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture),
                Kind: r.QuerySelector("td.kind")!.TextContent, Actor: r.QuerySelector("td.actor")!.TextContent, Detail: r.QuerySelector("td.detail")!.TextContent))
            .ToList();
        var timeline = api.GetProperty("timeline").EnumerateArray()
            .Select(t => (At: t.GetProperty("at").GetDateTimeOffset(), Kind: t.GetProperty("kind").GetString()!, Actor: t.GetProperty("actor").GetString()!, Detail: t.GetProperty("detail").GetString()!))
            .ToList();
        Assert.True(timeline.Count >= 8, $"{timeline.Count} timeline entries");
        Assert.Equal(timeline, rows);
        foreach (var n in notices)
        {
            Assert.Contains(n.GetProperty("noticeId").GetString()!, reportHtml);
        }

        Assert.Contains("approved by commander:ic-primary", reportHtml);
    }

    private static List<string> Notices(TestApp app) => [.. app.NoticeMails.Select(m => m.To)];

    private static async Task<bool> Delay()
    {
        await Task.Delay(200, TestContext.Current.CancellationToken);
        return true;
    }
}
