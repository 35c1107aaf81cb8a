using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.CommanderConsole;
using BreachNotify.Functions.Tests.Incidents;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Tests.SubprocessorChanges;

namespace BreachNotify.Functions.Tests.Ledger;

/// <summary>
/// One register and ledger per customer across every kind of matter, against the real app, Azurite and the mail capture, on the
/// sample directory: a breach incident on the EU database (contoso's two contacts), a sub-processor change on core-platform (every
/// customer) and a law-enforcement request about contoso only.
/// </summary>
public sealed class CustomerLedgerTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ledger_OfACustomerToldOfAnIncidentAChangeAndARequest_ShowsAllThreeWithTheirAcknowledgements_AnotherCustomerOnlyItsOwn()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var incidentId = (await (await app.PostDetectionAsync(IncidentPhaseEndpointTests.First)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("incidentId").GetString()!;
        await IncidentPhaseEndpointTests.WaitForStatusAsync(app, incidentId, "AwaitingDecision");
        Assert.Equal(HttpStatusCode.OK, (await IncidentPhaseEndpointTests.Decide(app, incidentId, new { decision = "approve" })).StatusCode);
        var incidentMail = Assert.Single(await app.WaitForMailsAsync(m => m.To == "soc@contoso.example"));

        var changeId = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(DateTimeOffset.UtcNow, 45), Ct);
        var changeMail = Assert.Single(await app.WaitForMailsAsync(m => m.To == "privacy@contoso.example" && m.Subject.Contains(changeId, StringComparison.Ordinal)));

        using var recorded = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, "/api/matters", new
        {
            kind = "law-enforcement-request",
            customers = new[] { "contoso" },
            receivedAt = DateTimeOffset.UtcNow.AddHours(-1),
            summary = "Production order for the mailbox of one user",
            authority = "Staatsanwaltschaft Berlin",
        }), Ct);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var matterId = (await recorded.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        using (var approved = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/matters/{matterId}/decision", new { decision = "approve" }), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        var matterMail = Assert.Single(await app.WaitForMailsAsync(m => m.To == "privacy@contoso.example" && m.Subject.Contains(matterId, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, (await AcknowledgeAsync(incidentMail.Html!, "Sam Soc", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AcknowledgeAsync(changeMail.Html!, "Pia Privacy", "acknowledge")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AcknowledgeAsync(matterMail.Html!, "Pia Privacy", "acknowledge")).StatusCode);

        // The entries are written beside the first send: wait until all three are there.
        var register = await WaitForRegisterAsync(app, "contoso", 3);
        var items = register.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("Contoso GmbH", register.GetProperty("customerName").GetString());
        Assert.Equal(
            [("incident", incidentId, 2), ("law-enforcement-request", matterId, 1), ("subprocessor-change", changeId, 1)],
            items.Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("matterId").GetString(), i.GetProperty("contacts").GetInt32())).OrderBy(i => i.Item1));
        // Newest first: the request was told last.
        Assert.Equal(matterId, items[0].GetProperty("matterId").GetString());

        var ledger = await GetJsonAsync(app, "/api/customers/contoso/ledger");
        var byMatter = ledger.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("matterId").GetString()!);
        var incidentNotices = byMatter[incidentId].GetProperty("notices").EnumerateArray().ToList();
        Assert.Equal(["privacy@contoso.example", "soc@contoso.example"], incidentNotices.Select(n => n.GetProperty("email").GetString()).Order());
        var acknowledged = incidentNotices.Single(n => n.GetProperty("email").GetString() == "soc@contoso.example");
        Assert.Equal("Sam Soc", acknowledged.GetProperty("acknowledgedBy").GetString());
        Assert.True(acknowledged.TryGetProperty("sentAt", out _));
        Assert.False(incidentNotices.Single(n => n.GetProperty("email").GetString() == "privacy@contoso.example").TryGetProperty("acknowledgedAt", out _));
        Assert.Equal("Pia Privacy", Assert.Single(byMatter[changeId].GetProperty("notices").EnumerateArray()).GetProperty("acknowledgedBy").GetString());
        Assert.Equal("Pia Privacy", Assert.Single(byMatter[matterId].GetProperty("notices").EnumerateArray()).GetProperty("acknowledgedBy").GetString());
        Assert.Equal($"/console/changes/{changeId}", byMatter[changeId].GetProperty("consolePath").GetString());

        // Fabrikam was told of the change only, and sees nothing of contoso's.
        var fabrikam = await WaitForRegisterAsync(app, "fabrikam", 1);
        var own = Assert.Single(fabrikam.GetProperty("items").EnumerateArray());
        Assert.Equal(("subprocessor-change", changeId), (own.GetProperty("kind").GetString(), own.GetProperty("matterId").GetString()));
        var fabrikamLedger = await GetJsonAsync(app, "/api/customers/fabrikam/ledger");
        Assert.Equal(["legal@fabrikam.example"], fabrikamLedger.GetProperty("items")[0].GetProperty("notices").EnumerateArray().Select(n => n.GetProperty("email").GetString()));

        // Filtered by kind.
        var onlyChanges = await GetJsonAsync(app, "/api/customers/contoso/register?kind=subprocessor-change");
        Assert.Equal([changeId], onlyChanges.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("matterId").GetString()));

        // The console's ledger page shows each notice and who acknowledged it.
        using var console = new ConsoleClient(app);
        await console.SignInAsync();
        var (page, body) = await console.GetAsync("/console/customers/contoso");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var rows = Html.Parse(body).QuerySelectorAll("#ledger tbody tr.entry").ToList();
        Assert.Equal(4, rows.Count);
        Assert.Contains(rows, r => r.GetAttribute("data-matter") == incidentId && r.QuerySelector(".by")!.TextContent == "Sam Soc");
        Assert.Contains(rows, r => r.GetAttribute("data-matter") == matterId && r.QuerySelector(".by")!.TextContent == "Pia Privacy");
        var (_, matterPage) = await console.GetAsync($"/console/matters/{matterId}");
        Assert.Equal("/console/customers/contoso", Html.Parse(matterPage).QuerySelector("#customers a.customer-ledger")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Register_AsCsvAndAsJson_Agree_AndAnUnknownCustomerIs404ProblemJson()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var changeId = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(DateTimeOffset.UtcNow, 45), Ct);
        await app.WaitForMailsAsync(m => m.Subject.Contains(changeId, StringComparison.Ordinal), count: 4);
        var json = await WaitForRegisterAsync(app, "woodgrove", 1);

        using var csvResponse = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, "/api/customers/woodgrove/register?format=csv"), Ct);
        var csv = await csvResponse.Content.ReadAsStringAsync(Ct);

        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customerId,kind,matterId,phase,toldAt,dueAt,contacts", lines[0]);
        var item = Assert.Single(json.GetProperty("items").EnumerateArray());
        var cells = Assert.Single(lines[1..]).Split(',');
        Assert.Equal("woodgrove", cells[0]);
        Assert.Equal(item.GetProperty("kind").GetString(), cells[1]);
        Assert.Equal(item.GetProperty("matterId").GetString(), cells[2]);
        Assert.Equal(item.GetProperty("phase").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), cells[3]);
        Assert.Equal(item.GetProperty("toldAt").GetDateTimeOffset().ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), cells[4]);
        Assert.Equal(item.GetProperty("contacts").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), cells[6]);

        foreach (var path in new[] { "/api/customers/nobody/register", "/api/customers/nobody/ledger" })
        {
            using var unknown = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, path), Ct);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        }

        using var badKind = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, "/api/customers/woodgrove/register?kind=subpoena"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains("contact-drill", await badKind.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var anonymous = await app.Http.GetAsync("/api/customers/woodgrove/ledger", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<JsonElement> WaitForRegisterAsync(TestApp app, string customerId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var register = await GetJsonAsync(app, $"/api/customers/{customerId}/register");
            if (register.GetProperty("items").GetArrayLength() >= count || DateTime.UtcNow > deadline)
            {
                return register;
            }

            await Task.Delay(200, Ct);
        }
    }

    private static async Task<JsonElement> GetJsonAsync(TestApp app, string path)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, path), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Posts the link page's form as a browser without script would (its hidden fields, the cookie of the same client).</summary>
    private static async Task<HttpResponseMessage> AcknowledgeAsync(string mailHtml, string name, string? action)
    {
        var link = new Uri(AckPage.LinkIn(mailHtml));
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true });
        var page = await browser.GetStringAsync(link, Ct);
        var form = Html.HiddenFields(page);
        form["name"] = name;
        if (action is not null)
        {
            form["action"] = action;
        }

        return await browser.PostAsync(link, new FormUrlEncodedContent(form), Ct);
    }
}
