using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Incidents;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Acknowledgements;

/// <summary>
/// The controller pack behind a customer notice's link (<c>/ack/{token}/controller-pack</c>), through the running app on
/// Azurite: linked from the notice and its page, JSON by the published schema and a printable page, only that customer's,
/// recording nothing; none for a sub-processor's notice or a forged link.
/// </summary>
public sealed class ControllerPackLinkTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACustomersNoticeLinksItsOwnPack_AsSchemaValidJsonAndAPrintablePage_AndOpeningThemRecordsNothing()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var id = await ApprovedWithTheBucketTooAsync(app);
        var mail = app.NoticeMails.Single(m => m.To == "legal@fabrikam.example");

        // The notice names its pack: in the HTML (after the acknowledgement link) and in the text, the same address.
        var ack = AckPage.LinkIn(mail.Html!);
        var packLink = Html.Parse(mail.Html!).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Single(h => h.EndsWith("/controller-pack", StringComparison.Ordinal));
        Assert.Equal($"{ack}/controller-pack", packLink);
        Assert.Contains($"Your controller pack (the facts for your own notification, JSON and printable): {packLink}", mail.Text, StringComparison.Ordinal);

        // The link page offers both forms.
        using var http = new HttpClient();
        var page = Html.Parse(await http.GetStringAsync(ack, Ct));
        Assert.Equal(new Uri(packLink).AbsolutePath, page.GetElementById("controller-pack-html")!.GetAttribute("href"));
        Assert.Equal(new Uri(packLink).AbsolutePath + "?format=json", page.GetElementById("controller-pack-json")!.GetAttribute("href"));

        using var json = await http.GetAsync($"{packLink}?format=json", Ct);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("no-store", json.Headers.CacheControl!.ToString());
        var text = await json.Content.ReadAsStringAsync(Ct);
        using var pack = JsonDocument.Parse(text);
        var schema = ControllerPackSchema.Instance;
        Assert.True(schema.Evaluate(pack.RootElement).IsValid, text);
        Assert.Equal("fabrikam", pack.RootElement.GetProperty("controller").GetProperty("id").GetString());
        Assert.Equal(id, pack.RootElement.GetProperty("incidentId").GetString());
        // No other customer's data: neither contoso nor tailspin (affected by the same incident) appears in fabrikam's pack.
        Assert.DoesNotContain("contoso", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tailspin", text, StringComparison.OrdinalIgnoreCase);

        var printable = Html.Parse(await http.GetStringAsync(packLink, Ct));
        Assert.Contains("Fabrikam Inc.", printable.GetElementById("pack-controller")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("It is not advice that the controller need not notify", printable.GetElementById("pack-guidance")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new Uri(packLink).AbsolutePath + "?format=json", printable.GetElementById("pack-json")!.GetAttribute("href"));

        // Nothing was recorded: the notice is still unacknowledged and its page still offers the form.
        var notice = (await Workflow.EndToEndTests.ReadAsync(app, id)).GetProperty("notices").EnumerateArray().Single(n => n.GetProperty("contact").GetProperty("email").GetString() == "legal@fabrikam.example");
        Assert.False(notice.TryGetProperty("acknowledgedAt", out _));
        Assert.NotEmpty(Html.HiddenFields(await http.GetStringAsync(ack, Ct)));
    }

    [Fact]
    public async Task ASubprocessorsNotice_AndAForgedLink_HaveNoPack()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var posted = await (await app.PostDetectionAsync(IncidentPhaseEndpointTests.First)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = posted.GetProperty("incidentId").GetString()!;
        await IncidentPhaseEndpointTests.WaitForStatusAsync(app, id, "AwaitingDecision");
        Assert.Equal(HttpStatusCode.OK, (await IncidentPhaseEndpointTests.Decide(app, id, new { decision = "approve" })).StatusCode);
        var host = (await app.WaitForMailsAsync(m => m.To == "secresponse@cloud-host.example")).Single();
        var ack = AckPage.LinkIn(host.Html!);
        using var http = new HttpClient();

        Assert.DoesNotContain("/controller-pack", host.Html!, StringComparison.Ordinal);
        Assert.Null(Html.Parse(await http.GetStringAsync(ack, Ct)).GetElementById("controller-pack"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{ack}/controller-pack?format=json", Ct)).StatusCode);

        var soc = (await app.WaitForMailsAsync(m => m.To == "soc@contoso.example")).Single();
        var customerAck = AckPage.LinkIn(soc.Html!);
        // The same ids with another secret: not this customer's link.
        var forged = customerAck[..(customerAck.LastIndexOf('.') + 1)] + new string('A', 43);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{forged}/controller-pack?format=json", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"{customerAck}/controller-pack?format=xml", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{customerAck}/controller-pack?format=json", Ct)).StatusCode);
    }

    /// <summary>The EU database incident approved, then updated to the exports bucket and that approved: fabrikam's first notice is phase 1's.</summary>
    private static async Task<string> ApprovedWithTheBucketTooAsync(TestApp app)
    {
        var posted = await (await app.PostDetectionAsync(IncidentPhaseEndpointTests.First)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = posted.GetProperty("incidentId").GetString()!;
        await IncidentPhaseEndpointTests.WaitForStatusAsync(app, id, "AwaitingDecision");
        Assert.Equal(HttpStatusCode.OK, (await IncidentPhaseEndpointTests.Decide(app, id, new { decision = "approve" })).StatusCode);
        await app.WaitForMailsAsync(m => m.To == "secresponse@cloud-host.example");
        await app.PostDetectionAsync(IncidentPhaseEndpointTests.Update);
        await IncidentPhaseEndpointTests.WaitForStatusAsync(app, id, "UpdatePending");
        Assert.Equal(HttpStatusCode.OK, (await IncidentPhaseEndpointTests.Decide(app, id, new { decision = "approve-update" })).StatusCode);
        await app.WaitForMailsAsync(m => m.To == "legal@fabrikam.example");
        return id;
    }
}
