using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>The incident page reads in the order a commander decides: why first (evidence, classification, parties and due times), then the decision.</summary>
public sealed class ConsoleIncidentLayoutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task IncidentPage_ShowsDetectionsClassificationAndPartiesBeforeTheDecision_WithTheEditFormCollapsed()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        await app.WaitForMailsAsync(m => m.Subject.StartsWith("Decision needed", StringComparison.Ordinal));
        using var client = new ConsoleClient(app);
        await client.SignInAsync();

        var (response, html) = await client.GetAsync($"/console/incidents/{incidentId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var main = new HtmlParser().ParseDocument(html).QuerySelector("main")!;
        var sections = main.QuerySelectorAll("h2").Select(h => h.Id).ToList();
        Assert.Equal(["detections", "classification", "affected", "decide", "edit-notices", "timeline-h"], sections);

        // Due times are in the parties' tables, before any form; the first form of the page is the approval.
        var forms = main.QuerySelectorAll("form").ToList();
        var approve = forms.First();
        Assert.Equal("approve", approve.QuerySelector("input[name=decision]")?.GetAttribute("value"));
        Assert.True(Before(main.QuerySelector("#customers")!, approve), "the customers' due times come before the approval");
        Assert.True(Before(main.QuerySelector("#subprocessors")!, approve), "the sub-processors' due times come before the approval");

        // The eight edit boxes are in a collapsed <details>, after the decision forms.
        var details = main.QuerySelector("details#edit-details")!;
        Assert.False(details.HasAttribute("open"));
        Assert.Equal(8, details.QuerySelectorAll("form.notice-edits textarea").Length);
        Assert.DoesNotContain(main.QuerySelectorAll("textarea"), t => t.Closest("details") is null && t.Closest("form.decision") is null);
        Assert.Equal("Edit the notices", details.QuerySelector("summary")!.TextContent);
    }

    [Fact]
    public async Task ReceivedIncidentPage_SaysItIsStillBeingClassified_InItsDecisionSection()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        using var client = new ConsoleClient(app);
        await client.SignInAsync();

        var (_, html) = await client.GetAsync($"/console/incidents/{incidentId}");

        var decide = new HtmlParser().ParseDocument(html).QuerySelector("h2#decide")!.Closest("section")!;
        Assert.StartsWith("Still being classified", decide.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    private static bool Before(IElement first, IElement second) =>
        first.CompareDocumentPosition(second).HasFlag(DocumentPositions.Following);
}
