using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>The queue shows each approved incident's sending progress, and stops counting down once every notice is sent.</summary>
public sealed class ConsoleQueueProgressTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Queue_ApprovedIncidentWithEveryNoticeSent_ShowsSentAndAcknowledgedCounts_AndNoCountdown()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var approved = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        await app.WaitForMailsAsync(m => m.Subject.StartsWith("Decision needed", StringComparison.Ordinal) && m.Subject.Contains(approved, StringComparison.Ordinal));
        var decision = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{approved}/decision", new { decision = "approve" }), ct);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        var notices = await app.WaitForMailsAsync(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal), count: 3);
        var (acknowledged, ackHtml) = await AckPage.AcknowledgeAsync(new Uri(AckPage.LinkIn(notices.First(m => m.To == "soc@contoso.example").Html!)), "Sam Security");
        Assert.True(acknowledged.StatusCode == HttpStatusCode.OK, ackHtml);
        var deadline = DateTime.UtcNow + Wait;
        while ((await ConsoleClient.ApiReadAsync(app, approved)).GetProperty("noticeCounts").GetProperty("sent").GetInt32() < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }

        // A second incident, still waiting, keeps its countdown.
        var waiting = await ConsoleClient.PostFixtureAsync(app, "generic-subprocessor-report.json");
        await app.WaitForMailsAsync(m => m.Subject.StartsWith("Decision needed", StringComparison.Ordinal) && m.Subject.Contains(waiting, StringComparison.Ordinal));
        using var client = new ConsoleClient(app);
        await client.SignInAsync();

        var (response, html) = await client.GetAsync("/console");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(html);
        var done = Row(document, approved);
        Assert.Equal("3 of 3 sent, 1 acknowledged", Cell(done, "Notices").TextContent.Trim());
        // The bar at a glance: all of it sent, a third acknowledged.
        var bar = Cell(done, "Notices").QuerySelector("svg.progress")!;
        Assert.Equal("3 of 3 sent, 1 acknowledged", bar.GetAttribute("aria-label"));
        Assert.Equal("100", bar.QuerySelector("rect.sent")?.GetAttribute("width"));
        Assert.Equal("33.3", bar.QuerySelector("rect.acknowledged")?.GetAttribute("width"));
        Assert.Equal("all sent", Cell(done, "Remaining").TextContent);
        Assert.Null(done.QuerySelector(".countdown"));
        Assert.Null(done.QuerySelector("[data-due]"));

        var open = Row(document, waiting);
        Assert.Equal("-", Cell(open, "Notices").TextContent);
        Assert.Null(Cell(open, "Notices").QuerySelector("svg.progress"));
        Assert.NotNull(Cell(open, "Remaining").QuerySelector(".countdown[data-due]"));

        // The incident page stops counting down as well.
        var (_, page) = await client.GetAsync($"/console/incidents/{approved}");
        var incident = new HtmlParser().ParseDocument(page);
        Assert.Null(incident.QuerySelector("#earliest-due .countdown"));
        Assert.Empty(incident.QuerySelectorAll("#customers .countdown, #subprocessors .countdown"));
    }

    private static IElement Row(IDocument document, string incidentId) =>
        document.QuerySelectorAll("tr.incident").Single(r => r.GetAttribute("data-id") == incidentId);

    /// <summary>The row's cell under the column headed <paramref name="header"/> of its own table.</summary>
    private static IElement Cell(IElement row, string header)
    {
        var headers = row.Closest("table")!.QuerySelectorAll("thead th").Select(h => h.TextContent).ToList();
        var index = headers.IndexOf(header);
        Assert.True(index >= 0, $"no column {header} in {string.Join(", ", headers)}");
        return row.Children[index];
    }
}
