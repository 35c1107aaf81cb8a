using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>The approve button and the timeline count the same thing with the same word: notices, one per contact.</summary>
public sealed class ConsoleApproveCountTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ApproveButton_CountsNotices_AsTheTimelineEntriesAndTheSentNoticesDo()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        await app.WaitForMailsAsync(m => m.Subject.StartsWith("Decision needed", StringComparison.Ordinal));
        using var client = new ConsoleClient(app);
        await client.SignInAsync();

        var (_, html) = await client.GetAsync($"/console/incidents/{incidentId}");

        // contoso has two contacts and cloud-host one (samples/directory.sample.json): three notices to two parties.
        var button = new HtmlParser().ParseDocument(html).QuerySelector("form.decision:has(input[name=decision][value=approve]) button")!;
        Assert.Equal("Approve and send 3 notices", button.TextContent);

        var (decided, _) = await client.PostFormAsync($"/console/incidents/{incidentId}/decision", [new("decision", "approve")]);
        Assert.Equal(HttpStatusCode.SeeOther, decided.StatusCode);
        var view = await ConsoleClient.ApiReadAsync(app, incidentId);
        var approved = view.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "approved").GetProperty("detail").GetString()!;
        Assert.Equal("3", Regex.Match(approved, @"(\d+) notices").Groups[1].Value);
        var classified = view.GetProperty("timeline").EnumerateArray().First(t => t.GetProperty("kind").GetString() == "classified").GetProperty("detail").GetString()!;
        Assert.EndsWith("3 notices", classified, StringComparison.Ordinal);
        await app.WaitForMailsAsync(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal), count: 3);
        Assert.Equal(3, app.NoticeMails.Count);
    }
}
