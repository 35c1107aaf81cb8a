using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.OtherNotices;
using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Tests.SubprocessorChanges;
using BreachNotify.SubprocessorChanges;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>
/// Every commander decision is one command read once: the same invalid input through the API and through the console's form gets
/// the same field message (the console's page shows the API's <c>errors</c>) and stores nothing; the same valid input through
/// either records the same event.
/// </summary>
public sealed class SharedCommandTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IncidentDecision_InvalidThroughApiOrForm_SameFieldMessage_NothingStored_ValidRejectAndEdit_SameEvents()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var viaApi = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        var viaForm = await ConsoleClient.PostFixtureAsync(app, "generic-subprocessor-report.json");
        Assert.NotEqual(viaApi, viaForm);
        await app.ClassifyByHandAsync(viaApi);
        await app.ClassifyByHandAsync(viaForm);
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        await client.GetAsync($"/console/incidents/{viaForm}");
        var decision = $"/console/incidents/{viaForm}/decision";
        var longText = new string('x', 4001);
        (object Body, string FormPath, KeyValuePair<string, string>[] Form, string Field)[] invalid =
        [
            (new { decision = "shrug" }, decision, [new("decision", "shrug")], "decision"),
            (new { decision = "reclassify", verdict = "maybe", comment = "test data" }, decision, [new("decision", "reclassify"), new("verdict", "maybe"), new("comment", "test data")], "verdict"),
            (new { decision = "reclassify", verdict = "notPersonalDataBreach" }, decision, [new("decision", "reclassify"), new("verdict", "notPersonalDataBreach")], "comment"),
            (new { decision = "close", finalReport = new { rootCause = "", measuresTaken = "rotated keys" } }, decision,
                [new("decision", "close"), new("rootCause", ""), new("measuresTaken", "rotated keys"), new("dataRecovered", "")], "finalReport.rootCause"),
            (new { decision = "close", finalReport = new { rootCause = "bug", measuresTaken = "fix", dataRecovered = "maybe" } }, decision,
                [new("decision", "close"), new("rootCause", "bug"), new("measuresTaken", "fix"), new("dataRecovered", "maybe")], "finalReport.dataRecovered"),
            (new { decision = "approve", comment = longText }, decision, [new("decision", "approve"), new("comment", longText)], "comment"),
            (new { decision = "edit", edits = new { customer = new { message = longText } } }, $"/console/incidents/{viaForm}/edits",
                [new("customer.message", longText)], "edits.customer.message"),
        ];
        var apiBefore = await IncidentHistoryAsync(app, viaApi);
        var formBefore = await IncidentHistoryAsync(app, viaForm);

        foreach (var (body, formPath, form, field) in invalid)
        {
            var problem = await ProblemAsync(app, $"/api/incidents/{viaApi}/decision", body, field);
            var (page, html) = await client.PostFormAsync(formPath, form);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            AssertSameMessages(problem, html);
        }

        Assert.Equal(apiBefore, await IncidentHistoryAsync(app, viaApi));
        Assert.Equal(formBefore, await IncidentHistoryAsync(app, viaForm));

        // The same edit, then the same rejection, through either: the same events (their times aside).
        await OkAsync(app, $"/api/incidents/{viaApi}/decision", new { decision = "edit", edits = new { customer = new { message = "Call us on 0800 000" } } });
        Assert.Equal(HttpStatusCode.SeeOther, (await client.PostFormAsync($"/console/incidents/{viaForm}/edits", [new("customer.message", "Call us on 0800 000")])).Response.StatusCode);
        await OkAsync(app, $"/api/incidents/{viaApi}/decision", new { decision = "reject", comment = "test data only" });
        Assert.Equal(HttpStatusCode.SeeOther, (await client.PostFormAsync(decision, [new("decision", "reject"), new("comment", "test data only")])).Response.StatusCode);

        var apiAdded = (await IncidentHistoryAsync(app, viaApi)).Skip(apiBefore.Count).ToList();
        var formAdded = (await IncidentHistoryAsync(app, viaForm)).Skip(formBefore.Count).ToList();
        Assert.Equal(2, apiAdded.Count);
        Assert.Contains("\"comment\":\"test data only\"", apiAdded[1], StringComparison.Ordinal);
        Assert.Equal(apiAdded, formAdded);
    }

    [Fact]
    public async Task ChangeDecisionAndOutcome_InvalidThroughApiOrForm_SameFieldMessage_NothingStored_ValidThroughEither_SameEvent()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", new FakeTimeProvider(Start));
        var viaApi = await ChangeApi.AnnounceAsync(app, ChangeApi.Change(Start, 60, "relay-api"), Ct);
        var viaForm = await ChangeApi.AnnounceAsync(app, ChangeApi.Change(Start, 60, "relay-form"), Ct);
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        await client.GetAsync($"/console/changes/{viaForm}");
        (object Body, string ApiPath, string FormPath, KeyValuePair<string, string>[] Form, string Field)[] invalid =
        [
            (new { decision = "shrug", comment = "no" }, $"{ChangeApi.Path}/{viaApi}/decision", $"/console/changes/{viaForm}/decision",
                [new("decision", "shrug"), new("comment", "no")], "decision"),
            (new { outcome = "shrug" }, $"{ChangeApi.Path}/{viaApi}/objections/fabrikam/outcome", $"/console/changes/{viaForm}/objections/fabrikam/outcome",
                [new("outcome", "shrug")], "outcome"),
        ];
        var store = app.Services.GetRequiredService<SubprocessorChangeStore>();
        var apiBefore = Events(await store.HistoryAsync(viaApi, Ct));
        var formBefore = Events(await store.HistoryAsync(viaForm, Ct));

        foreach (var (body, apiPath, formPath, form, field) in invalid)
        {
            var problem = await ProblemAsync(app, apiPath, body, field);
            var (page, html) = await client.PostFormAsync(formPath, form);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            AssertSameMessages(problem, html);
        }

        Assert.Equal(apiBefore, Events(await store.HistoryAsync(viaApi, Ct)));
        Assert.Equal(formBefore, Events(await store.HistoryAsync(viaForm, Ct)));

        // Approved through either, then the same objection's outcome through either.
        await OkAsync(app, $"{ChangeApi.Path}/{viaApi}/decision", new { decision = "approve", comment = "signed DPA" });
        Assert.Equal(HttpStatusCode.SeeOther, (await client.PostFormAsync($"/console/changes/{viaForm}/decision", [new("decision", "approve"), new("comment", "signed DPA")])).Response.StatusCode);
        var workflow = app.Services.GetRequiredService<SubprocessorChangeWorkflow>();
        await workflow.HandleAsync(viaApi, new RecordObjection("fabrikam", "contact:legal", "data leaves the EU"), Ct);
        await workflow.HandleAsync(viaForm, new RecordObjection("fabrikam", "contact:legal", "data leaves the EU"), Ct);
        var apiObjected = (await store.HistoryAsync(viaApi, Ct)).Count;
        var formObjected = (await store.HistoryAsync(viaForm, Ct)).Count;
        await OkAsync(app, $"{ChangeApi.Path}/{viaApi}/objections/fabrikam/outcome", new { outcome = "corrective-steps", comment = "EU region only" });
        await client.GetAsync($"/console/changes/{viaForm}");
        Assert.Equal(HttpStatusCode.SeeOther, (await client.PostFormAsync(
            $"/console/changes/{viaForm}/objections/fabrikam/outcome", [new("outcome", "corrective-steps"), new("comment", "EU region only")])).Response.StatusCode);

        var apiAll = Events(await store.HistoryAsync(viaApi, Ct));
        var formAll = Events(await store.HistoryAsync(viaForm, Ct));
        var approved = Assert.Single(apiAll, e => e.Contains("signed DPA", StringComparison.Ordinal));
        Assert.Contains(approved, formAll);
        var outcome = Assert.Single(apiAll.Skip(apiObjected));
        Assert.Contains("EU region only", outcome, StringComparison.Ordinal);
        Assert.Equal([outcome], formAll.Skip(formObjected));
    }

    [Fact]
    public async Task MatterDecisionAndWaiverEffort_InvalidThroughApiOrForm_SameFieldMessage_NothingStored_ValidThroughEither_SameEvent()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", new FakeTimeProvider(Start));
        var held = new
        {
            kind = "law-enforcement-request",
            customers = new[] { "fabrikam" },
            receivedAt = Start,
            summary = "Production order",
            legalProhibition = new { basis = "Court order 7", until = Start.AddDays(20), reviewAt = (DateTimeOffset?)null },
        };
        var viaApi = await RecordMatterAsync(app, held);
        var viaForm = await RecordMatterAsync(app, held);
        Assert.NotEqual(viaApi, viaForm);
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        await client.GetAsync($"/console/matters/{viaForm}");
        (object Body, string Path, KeyValuePair<string, string>[] Form, string Field)[] invalid =
        [
            (new { decision = "shrug" }, "decision", [new("decision", "shrug")], "decision"),
            (new { decision = "set-review", reviewAt = "next week" }, "decision", [new("decision", "set-review"), new("reviewAt", "next week")], "reviewAt"),
            (new { decision = "set-review", reviewAt = "2026-12-30T09:00:00Z" }, "decision", [new("decision", "set-review"), new("reviewAt", "2026-12-30T09:00:00Z")], "reviewAt"),
            (new { text = "   " }, "waiver-efforts", [new("text", "   ")], "text"),
        ];
        var store = app.Services.GetRequiredService<MatterStore>();
        var apiBefore = Events(await store.HistoryAsync(viaApi, Ct));
        var formBefore = Events(await store.HistoryAsync(viaForm, Ct));

        foreach (var (body, path, form, field) in invalid)
        {
            var problem = await ProblemAsync(app, $"/api/matters/{viaApi}/{path}", body, field);
            var (page, html) = await client.PostFormAsync($"/console/matters/{viaForm}/{path}", form);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            AssertSameMessages(problem, html);
        }

        Assert.Equal(apiBefore, Events(await store.HistoryAsync(viaApi, Ct)));
        Assert.Equal(formBefore, Events(await store.HistoryAsync(viaForm, Ct)));

        await OkAsync(app, $"/api/matters/{viaApi}/waiver-efforts", new { text = "Asked the court to allow notice" });
        Assert.Equal(HttpStatusCode.SeeOther, (await client.PostFormAsync($"/console/matters/{viaForm}/waiver-efforts", [new("text", "Asked the court to allow notice")])).Response.StatusCode);
        await OkAsync(app, $"/api/matters/{viaApi}/decision", new { decision = "reject", comment = "Order withdrawn" });
        await client.GetAsync($"/console/matters/{viaForm}");
        Assert.Equal(HttpStatusCode.SeeOther, (await client.PostFormAsync($"/console/matters/{viaForm}/decision", [new("decision", "reject"), new("comment", "Order withdrawn")])).Response.StatusCode);

        var apiAdded = Events(await store.HistoryAsync(viaApi, Ct)).Skip(apiBefore.Count).ToList();
        Assert.Equal(2, apiAdded.Count);
        Assert.Contains("Asked the court", apiAdded[0], StringComparison.Ordinal);
        Assert.Contains("Order withdrawn", apiAdded[1], StringComparison.Ordinal);
        Assert.Equal(apiAdded, Events(await store.HistoryAsync(viaForm, Ct)).Skip(formBefore.Count));
    }

    [Fact]
    public async Task DrillSchedule_InvalidThroughApiOrForm_SameFieldMessage_NothingStored_ValidThroughEither_SameSchedule()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", new FakeTimeProvider(Start));
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        await client.GetAsync(DrillSchedulePages.Path);
        var startAt = Start.AddHours(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        (object Body, KeyValuePair<string, string>[] Form, string Field)[] invalid =
        [
            (new { everyMonths = 0, startAt, summary = "drill" }, [new("everyMonths", "0"), new("startAt", startAt), new("summary", "drill")], "everyMonths"),
            (new { everyMonths = 3, summary = "drill" }, [new("everyMonths", "3"), new("summary", "drill")], "startAt"),
            (new { everyMonths = 3, startAt, customers = new[] { "nobody" }, summary = "drill" },
                [new("everyMonths", "3"), new("startAt", startAt), new("customers", "nobody"), new("summary", "drill")], "customers"),
        ];

        foreach (var (body, form, field) in invalid)
        {
            var problem = await ProblemAsync(app, DrillScheduleEndpoints.Path, body, field);
            var (page, html) = await client.PostFormAsync(DrillSchedulePages.Path, form);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            AssertSameMessages(problem, html);
        }

        var scheduler = app.Services.GetRequiredService<DrillScheduler>();
        Assert.Empty(await scheduler.ListAsync(Ct));

        using (var created = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, DrillScheduleEndpoints.Path,
            new { everyMonths = 3, startAt, customers = new[] { "fabrikam", "tailspin" }, summary = "Quarterly drill", autoApprove = true }), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var (added, _) = await client.PostFormAsync(DrillSchedulePages.Path,
            [new("everyMonths", "3"), new("startAt", startAt), new("customers", "fabrikam, tailspin"), new("summary", "Quarterly drill"), new("autoApprove", "true")]);
        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        var schedules = (await scheduler.ListAsync(Ct)).Select(s => s with { Id = "" }).ToList();
        Assert.Equal(2, schedules.Count);
        Assert.Equal(Json(schedules[0]), Json(schedules[1]));
    }

    /// <summary>The API's 400 for <paramref name="body"/>, naming <paramref name="field"/> in its <c>errors</c>.</summary>
    private static async Task<JsonElement> ProblemAsync(TestApp app, string path, object body, string field)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, path, body), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem.ToString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        return problem;
    }

    private static async Task<string> RecordMatterAsync(TestApp app, object body)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, "/api/matters", body), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static async Task OkAsync(TestApp app, string path, object body)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, path, body), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>The console page's alert says every field and message of the API's <c>errors</c>, as <c>field: message</c>.</summary>
    private static void AssertSameMessages(JsonElement problem, string html)
    {
        var alert = Html.Parse(html).QuerySelector(".error")?.TextContent ?? "";
        foreach (var field in problem.GetProperty("errors").EnumerateObject())
        {
            foreach (var message in field.Value.EnumerateArray())
            {
                Assert.Contains($"{field.Name}: {message.GetString()}", alert, StringComparison.Ordinal);
            }
        }
    }

    private static async Task<List<string>> IncidentHistoryAsync(TestApp app, string id)
    {
        var store = app.Services.GetRequiredService<IncidentStore>();
        return Events(await store.HistoryAsync((await store.LoadAsync(id, Ct))!, Ct));
    }

    /// <summary>Each event as its stored JSON, its time left out (the two paths decide at different moments).</summary>
    private static List<string> Events(IEnumerable<object> history) =>
        [.. history.Select(e =>
        {
            var json = JsonSerializer.SerializeToNode(e, e.GetType(), DomainJson.Options)!.AsObject();
            json.Remove("at");
            return json.ToJsonString();
        })];

    private static string Json(object value) => JsonSerializer.Serialize(value, DomainJson.Options);
}
