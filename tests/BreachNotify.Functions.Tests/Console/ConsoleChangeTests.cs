using System.Net;
using System.Net.Http.Json;
using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Tests.SubprocessorChanges;
using BreachNotify.SubprocessorChanges;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>
/// The console's sub-processor change pages against the real app and Azurite, on the sample directory (four customers
/// use core-platform): the register and its CSV, the page per change, and its forms taken through the API's commands.
/// </summary>
public sealed class ConsoleChangeTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Register_ListsEachChangeNewestFirstWithItsStatus_LinkedFromTheNav_AndTheCsvHasOneRowPerChange()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        var first = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 60), Ct);
        time.Advance(TimeSpan.FromHours(2));
        var second = await ChangeApi.AnnounceAsync(app, ChangeApi.Change(Start, 90, id: "log-store"), Ct);
        using var client = new ConsoleClient(app);
        await client.SignInAsync();

        var (response, body) = await client.GetAsync("/console/changes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(body);
        Assert.NotNull(page.QuerySelector("nav a[href='/console/changes'][aria-current='page']"));
        var rows = page.QuerySelectorAll("#changes tr.change").ToList();
        Assert.Equal([second, first], rows.Select(r => r.GetAttribute("data-id")));
        Assert.Equal(["AwaitingDecision", "Approved"], rows.Select(r => r.QuerySelector("td.status")!.TextContent));
        Assert.Equal($"/console/changes/{first}", rows[1].QuerySelector("a")!.GetAttribute("href"));

        var (csv, text) = await client.GetAsync("/console/changes.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,announcedAt,kind,subprocessorId,subprocessorName,entity,purpose,location,replaces,effectiveAt,status,tookEffectAt,customers", lines[0]);
        Assert.Equal(
            $"{first},2026-12-02T09:00:00Z,add,example-relay,Example Relay,Example Relay Ltd,Transactional email,IE,,2027-01-31T09:00:00Z,Approved,,4",
            Assert.Single(lines, l => l.StartsWith(first, StringComparison.Ordinal)));
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task ChangePage_ShowsEachCustomersNoticesAndAnswers_TheObjectionWithItsCureDeadline_AndTheTimeline()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, null, time);
        var id = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 60), Ct);
        await app.WaitForMailsAsync(m => m.Subject.Contains(id, StringComparison.Ordinal), count: 4);
        time.Advance(TimeSpan.FromDays(1));
        var workflow = app.Services.GetRequiredService<SubprocessorChangeWorkflow>();
        await workflow.HandleAsync(id, new RecordObjection("fabrikam", "contact:legal", "data leaves the US"), Ct);
        await workflow.HandleAsync(id, new RecordAcknowledgement("tailspin", "contact:Dee Po"), Ct);
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        // Each customer has one contact: the page shows its notice sent once the send item recorded it.
        await WaitForAsync(async () => Html.Parse((await client.GetAsync($"/console/changes/{id}")).Body)
            .QuerySelectorAll("#change-customers td.sent").All(c => c.TextContent == "1 of 1"));

        var (response, body) = await client.GetAsync($"/console/changes/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(body);
        var customers = page.QuerySelectorAll("#change-customers tr.customer").ToDictionary(r => r.GetAttribute("data-id")!);
        Assert.Equal(["contoso", "fabrikam", "tailspin", "woodgrove"], customers.Keys.Order());
        Assert.All(customers.Values, r => Assert.Equal("1 of 1", r.QuerySelector("td.sent")!.TextContent));
        Assert.StartsWith("objected", customers["fabrikam"].QuerySelector("td.answer")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("consent (acknowledged)", customers["tailspin"].QuerySelector("td.answer")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("no answer yet", customers["woodgrove"].QuerySelector("td.answer")!.TextContent);
        var objection = Assert.Single(page.QuerySelectorAll("#change-objections tr.objection"));
        Assert.Equal("fabrikam", objection.GetAttribute("data-id"));
        // Objection on day 1, the sample processor's 30 cure days: the cure period ends on day 31.
        Assert.Contains(objection.QuerySelectorAll("time"), t => t.GetAttribute("datetime") == Start.AddDays(31).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("data leaves the US", objection.TextContent, StringComparison.Ordinal);
        Assert.NotNull(objection.QuerySelector("form.outcome-form select[name='outcome'] option[value='corrective-steps']"));
        Assert.Equal(4, page.QuerySelectorAll("#change-notices tr.notice").Length);
        Assert.StartsWith("4 of 4 sent, 0 acknowledged, 0 failed, 0 pending", page.QuerySelector("#notice-counts")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["announced", "approved", "objected", "consented"], page.QuerySelectorAll(".timeline li").Select(l => l.GetAttribute("data-kind")));
        Assert.Contains(page.QuerySelectorAll("#change-decision input[name='decision']"), i => i.GetAttribute("value") == "withdraw");
    }

    [Fact]
    public async Task OutcomeForm_RecordsTheOutcomeThroughTheWorkflow_WithTheCommander_AndAnUnknownOutcomeIs400RecordingNothing()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        var id = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 60), Ct);
        await app.Services.GetRequiredService<SubprocessorChangeWorkflow>().HandleAsync(id, new RecordObjection("fabrikam", "contact:legal", "no"), Ct);
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        await client.GetAsync($"/console/changes/{id}");

        var (bad, badBody) = await client.PostFormAsync($"/console/changes/{id}/objections/fabrikam/outcome", [new("outcome", "shrug"), new("comment", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Choose the objection", badBody, StringComparison.Ordinal);
        Assert.DoesNotContain("objectionOutcome", ChangeApi.TimelineKinds(await ChangeApi.ReadAsync(app, id, Ct)));

        var (done, _) = await client.PostFormAsync($"/console/changes/{id}/objections/fabrikam/outcome", [new("outcome", "feature-ceased"), new("comment", "AI coach off for them")]);

        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal($"/console/changes/{id}?done=outcome", done.Headers.Location?.OriginalString);
        var read = await ChangeApi.ReadAsync(app, id, Ct);
        Assert.Equal("feature-ceased", read.GetProperty("objections")[0].GetProperty("outcome").GetString());
        var recorded = read.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "objectionOutcome");
        Assert.Equal("commander:ic-primary", recorded.GetProperty("actor").GetString());
        // Settled: the page offers no further outcome.
        Assert.Null(Html.Parse((await client.GetAsync($"/console/changes/{id}")).Body).QuerySelector("form.outcome-form"));
    }

    [Fact]
    public async Task DecisionForm_Approve_IsTheApisApproval_ARefusalShowsItsReasonAs409_AndAFormWithoutItsTokenRecordsNothing()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        var late = await ChangeApi.AnnounceAsync(app, ChangeApi.Change(Start, 31), Ct);
        var id = await ChangeApi.AnnounceAsync(app, ChangeApi.Change(Start, 60, id: "log-store"), Ct);
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        await client.GetAsync($"/console/changes/{id}");

        var (forged, _) = await client.PostFormAsync($"/console/changes/{id}/decision", [new("decision", "approve")], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("AwaitingDecision", (await ChangeApi.ReadAsync(app, id, Ct)).GetProperty("status").GetString());

        var (approved, _) = await client.PostFormAsync($"/console/changes/{id}/decision", [new("decision", "approve"), new("comment", "vendor review done")]);
        Assert.Equal(HttpStatusCode.SeeOther, approved.StatusCode);
        var read = await ChangeApi.ReadAsync(app, id, Ct);
        Assert.Equal("Approved", read.GetProperty("status").GetString());
        Assert.Equal("commander:ic-primary", read.GetProperty("decidedBy").GetString());
        Assert.Equal(4, read.GetProperty("customers").GetArrayLength());

        // Two days on, a change effective on day 31 no longer gives contoso its 30 days: the gate refuses, as in the API.
        time.Advance(TimeSpan.FromDays(2));
        await client.SignInAsync(); // the session's sliding lifetime ran out meanwhile
        await client.GetAsync($"/console/changes/{late}");
        var (refused, body) = await client.PostFormAsync($"/console/changes/{late}/decision", [new("decision", "approve")]);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("the earliest allowed is", Html.Parse(body).QuerySelector("p.error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("AwaitingDecision", (await ChangeApi.ReadAsync(app, late, Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Exports_TheChangeAsTheApisJsonWithEveryNotice_AndItsNoticesAsTheClisCsv_LinkedFromItsPage()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, null, time);
        var id = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 60), Ct);
        await app.WaitForMailsAsync(m => m.Subject.Contains(id, StringComparison.Ordinal), count: 4);
        await app.Services.GetRequiredService<SubprocessorChangeWorkflow>().HandleAsync(id, new RecordObjection("fabrikam", "contact:legal", "data leaves the US"), Ct);
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        await WaitForAsync(async () => (await ChangeApi.ReadAsync(app, id, Ct)).GetProperty("notices").EnumerateArray().All(n => n.GetProperty("status").GetString() == "Sent"));

        var (page, pageBody) = await client.GetAsync($"/console/changes/{id}");
        var (json, jsonBody) = await client.GetAsync($"/console/changes/{id}/export.json");
        var (csv, csvBody) = await client.GetAsync($"/console/changes/{id}/notices.csv");
        var (unknown, _) = await client.GetAsync("/console/changes/spc-0123456789abcdef0123/notices.csv");

        var links = Html.Parse(pageBody).QuerySelectorAll("p.exports a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/console/changes/{id}/export.json", $"/console/changes/{id}/notices.csv"], links);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition?.DispositionType);
        var exported = System.Text.Json.JsonDocument.Parse(jsonBody).RootElement;
        var api = await ChangeApi.ReadAsync(app, id, Ct);
        // Four notices are one page of the API's read: the file is that read, to the letter.
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(api.GetRawText()), System.Text.Json.Nodes.JsonNode.Parse(jsonBody)), jsonBody);
        Assert.Equal("fabrikam", Assert.Single(exported.GetProperty("objections").EnumerateArray()).GetProperty("customerId").GetString());
        Assert.Equal(4, exported.GetProperty("noticeCounts").GetProperty("sent").GetInt32());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = csvBody.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("noticeId,customerId,contact,email,status,sentAt,windowClosesAt,acknowledgedAt,acknowledgedBy,objectedAt,withdrawalSentAt", lines[0]);
        Assert.Equal(5, lines.Length);
        var fabrikam = Assert.Single(lines, l => l.Split(',')[1] == "fabrikam").Split(',');
        Assert.Equal("Sent", fabrikam[4]);
        Assert.Equal("2026-12-17T09:00:00Z", fabrikam[6]); // windowClosesAt: fabrikam's 15 days
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task AnnounceForm_AnnouncesThroughTheApisCommand_TheTimeTypedInTheCommandersZone_AndTheSameFormSentTwiceIsOneChange()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", new FakeTimeProvider(Start));
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        await client.SetTimeZoneAsync("Europe/Berlin");

        var (register, registerBody) = await client.GetAsync("/console/changes");
        Assert.NotNull(Html.Parse(registerBody).QuerySelector("a[href='/console/changes/new']"));
        var (form, formBody) = await client.GetAsync("/console/changes/new");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var page = Html.Parse(formBody);
        Assert.Equal(["core-platform", "ai-coach"], page.QuerySelectorAll("#announce-change input[name=services]").Select(i => i.GetAttribute("value")).Take(2));
        var key = page.QuerySelector("#announce-change input[name=key]")!.GetAttribute("value")!;
        KeyValuePair<string, string>[] fields =
        [
            new("key", key), new("kind", "add"), new("subprocessorId", "example-relay"), new("subprocessorName", "Example Relay"),
            new("entity", "Example Relay Ltd"), new("purpose", "Transactional email"), new("location", "IE"), new("replaces", ""),
            new("services", "core-platform"), new("regions", ""), new("effectiveAt", "2027-01-31T10:00"), new("comment", "vendor review done"),
        ];

        var (announced, _) = await client.PostFormAsync("/console/changes", fields);
        var (again, _) = await client.PostFormAsync("/console/changes", fields);

        Assert.Equal(HttpStatusCode.SeeOther, announced.StatusCode);
        var location = announced.Headers.Location!.OriginalString;
        Assert.Matches("^/console/changes/spc-[0-9a-f]+\\?done=announced$", location);
        Assert.Equal(location, again.Headers.Location!.OriginalString);
        var id = location["/console/changes/".Length..location.IndexOf('?', StringComparison.Ordinal)];
        var read = await ChangeApi.ReadAsync(app, id, Ct);
        Assert.Equal("AwaitingDecision", read.GetProperty("status").GetString());
        Assert.Equal("commander:ic-primary", read.GetProperty("announcedBy").GetString());
        Assert.Equal(new DateTimeOffset(2027, 1, 31, 9, 0, 0, TimeSpan.Zero), read.GetProperty("effectiveAt").GetDateTimeOffset()); // 10:00 in Berlin
        Assert.Equal("Example Relay Ltd", read.GetProperty("subprocessor").GetProperty("entity").GetString());
        Assert.Equal(4, read.GetProperty("customers").GetArrayLength());
        Assert.Equal(id, Assert.Single(await ListedAsync(app)));
        var (shown, shownBody) = await client.GetAsync(location);
        Assert.Contains("Announced.", Html.Parse(shownBody).QuerySelector("p[role=status]")!.TextContent, StringComparison.Ordinal);

        // The same key with other content is not a second change, and says which change the form made.
        var (reused, reusedBody) = await client.PostFormAsync("/console/changes", [.. fields.Select(f => f.Key == "location" ? new("location", "US") : f)]);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Contains(id, Html.Parse(reusedBody).QuerySelector("p.error")!.TextContent, StringComparison.Ordinal);
        Assert.Single(await ListedAsync(app));
    }

    [Fact]
    public async Task AnnounceForm_BadInputOrTooLittleNotice_ShowsTheFormAgainAsTypedWithTheReason_AndStoresNothing()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", new FakeTimeProvider(Start));
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        await client.GetAsync("/console/changes/new");

        var (unknownKind, unknownKindBody) = await client.PostFormAsync("/console/changes", [new("kind", "rename"), new("subprocessorId", "x"), new("services", "core-platform"), new("effectiveAt", "2027-06-01T00:00")]);
        var (noDate, noDateBody) = await client.PostFormAsync("/console/changes", [new("kind", "add"), new("subprocessorId", "x"), new("services", "core-platform"), new("effectiveAt", "soon")]);
        var (early, earlyBody) = await client.PostFormAsync("/console/changes",
            [
                new("kind", "add"), new("subprocessorId", "example-relay"), new("subprocessorName", "Example Relay"), new("entity", "Example Relay Ltd"),
                new("purpose", "Transactional email"), new("location", "IE"), new("services", "core-platform"), new("effectiveAt", "2026-12-22T09:00"),
            ]);
        var (forged, _) = await client.PostFormAsync("/console/changes",
            [new("kind", "add"), new("subprocessorId", "example-relay"), new("services", "core-platform"), new("effectiveAt", "2027-06-01T00:00")], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Contains("kind: one of add, replace, remove", Html.Parse(unknownKindBody).QuerySelector("p.error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noDate.StatusCode);
        Assert.Contains("effectiveAt:", Html.Parse(noDateBody).QuerySelector("p.error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        var earlyPage = Html.Parse(earlyBody);
        var reason = earlyPage.QuerySelector("p.error")!.TextContent;
        Assert.True(reason.Contains("the earliest allowed is 2027-01-01T09:00:00", StringComparison.Ordinal), reason);
        Assert.Equal("Transactional email", earlyPage.QuerySelector("#sub-purpose")!.GetAttribute("value"));
        Assert.Equal("2026-12-22T09:00", earlyPage.QuerySelector("#change-effective")!.GetAttribute("value"));
        Assert.NotNull(earlyPage.QuerySelector("input[name=services][value=core-platform][checked]"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(await ListedAsync(app));
    }

    private static async Task<List<string?>> ListedAsync(TestApp app)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, ChangeApi.Path), Ct);
        var list = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        return [.. list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString())];
    }

    [Fact]
    public async Task ChangePages_WithoutASession_GoToSignIn_AndAnUnknownChangeIs404()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", new FakeTimeProvider(Start));
        using var anonymous = new ConsoleClient(app);

        var (redirect, _) = await anonymous.GetAsync("/console/changes");
        var (post, _) = await anonymous.PostFormAsync("/console/changes/spc-0123456789abcdef0123/decision", [new("decision", "approve")]);
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        var (unknown, _) = await client.GetAsync("/console/changes/spc-0123456789abcdef0123");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/console/signin", redirect.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200, Ct);
        }

        throw new TimeoutException("The change page did not reach the expected state.");
    }
}
