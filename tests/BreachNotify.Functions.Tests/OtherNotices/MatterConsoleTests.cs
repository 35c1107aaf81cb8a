using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.OtherNotices;

/// <summary>The console's pages of the other notices, signed in as a commander, read with AngleSharp.</summary>
public sealed class MatterConsoleTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_ShowsEveryMatter_FilteredByCustomer_AndTheMatterPageShowsItsProhibitionAndTimeline()
    {
        await using var app = await TestApp.StartAsync(azurite, time: new FakeTimeProvider(Start));
        var held = await RecordAsync(app, new
        {
            kind = "law-enforcement-request",
            customers = new[] { "fabrikam" },
            receivedAt = Start,
            summary = "Production order",
            legalProhibition = new { basis = "Court order 7", until = Start.AddDays(20), reviewAt = (DateTimeOffset?)null },
        });
        var dsr = await RecordAsync(app, new { kind = "data-subject-request", subjectIdentifier = "kim@contoso.example", receivedAt = Start, summary = "Access request" });
        using var client = new ConsoleClient(app);
        Assert.Equal(HttpStatusCode.SeeOther, (await client.SignInAsync()).StatusCode);

        var (all, allBody) = await client.GetAsync("/console/matters");
        var (_, contosoBody) = await client.GetAsync("/console/matters?customer=contoso");
        var (page, pageBody) = await client.GetAsync($"/console/matters/{held}");
        var (missing, _) = await client.GetAsync("/console/matters/mtr-00000000000000000000");

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(new[] { dsr, held }.Order(), Html.Parse(allBody).QuerySelectorAll("#matters tr.matter td:first-child").Select(td => td.TextContent).Order());
        Assert.Equal([dsr], Html.Parse(contosoBody).QuerySelectorAll("#matters tr.matter td:first-child").Select(td => td.TextContent));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = Html.Parse(pageBody);
        Assert.StartsWith("Holds: nothing is sent while it does. Basis: Court order 7.", document.QuerySelector("#prohibition")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("received", document.QuerySelector("#timeline tr.timeline-entry .kind")!.TextContent);
        Assert.Equal("fabrikam", document.QuerySelector("#customers tbody td")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task SetReviewForm_SetsTheNextReviewShownOnThePage_ABadDateIs400AndChangesNothing()
    {
        await using var app = await TestApp.StartAsync(azurite, time: new FakeTimeProvider(Start));
        var held = await RecordAsync(app, new
        {
            kind = "law-enforcement-request",
            customers = new[] { "fabrikam" },
            receivedAt = Start,
            summary = "Production order",
            legalProhibition = new { basis = "Court order 7", until = Start.AddDays(20), reviewAt = Start.AddDays(5) },
        });
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        var (_, page) = await client.GetAsync($"/console/matters/{held}");
        Assert.Contains("set-review", Html.Parse(page).QuerySelectorAll("#decision option").Select(o => o.GetAttribute("value")));

        var (late, latePage) = await client.PostFormAsync($"/console/matters/{held}/decision", new Dictionary<string, string> { ["decision"] = "set-review", ["reviewAt"] = "2026-12-30T09:00:00Z" });
        var (garbled, _) = await client.PostFormAsync($"/console/matters/{held}/decision", new Dictionary<string, string> { ["decision"] = "set-review", ["reviewAt"] = "next week" });
        var (set, _) = await client.PostFormAsync($"/console/matters/{held}/decision", new Dictionary<string, string> { ["decision"] = "set-review", ["reviewAt"] = "2026-12-12T09:00:00Z", ["comment"] = "Order renewed" });
        var (_, after) = await client.GetAsync($"/console/matters/{held}?done=set-review");

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.StartsWith("Not recorded: reviewAt: must be before the prohibition ends", Html.Parse(latePage).QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, set.StatusCode);
        var document = Html.Parse(after);
        Assert.Equal("The next review date is set; the commanders are reminded then.", document.QuerySelector(".done")!.TextContent);
        Assert.Equal("2026-12-12T09:00:00.0000000+00:00", document.QuerySelectorAll("#prohibition time").Last().GetAttribute("datetime"));
        Assert.Equal(["received", "prohibitionReviewRescheduled"], document.QuerySelectorAll("#timeline tr.timeline-entry .kind").Select(k => k.TextContent));
    }

    private static async Task<string> RecordAsync(TestApp app, object body)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, "/api/matters", body), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
    }
}
