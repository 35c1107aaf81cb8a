using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.OtherNotices;

/// <summary>Scheduled contact drills (issue 18) on the real app, Azurite and the mail capture, with a fake clock driving the outbox sweep.</summary>
public sealed class DrillScheduleTests(AzuriteFixture azurite)
{
    private const string Path = "/api/drill-schedules";
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"everyMonths":0,"startAt":"2026-12-02T10:00:00Z","summary":"drill"}""", "everyMonths" },
        { """{"everyMonths":"P3M","startAt":"2026-12-02T10:00:00Z","summary":"drill"}""", "everyMonths" },
        { """{"everyMonths":3,"summary":"drill"}""", "startAt" },
        { """{"everyMonths":3,"startAt":"2026-12-02T10:00:00Z","customers":["nobody"],"summary":"drill"}""", "customers" },
        { """{"everyMonths":3,"startAt":"2026-12-02T10:00:00Z"}""", "summary" },
        { """{"everyMonths":3,"startAt":"2026-12-02T10:00:00Z","summary":"drill","autoApprove":"yes"}""", "autoApprove" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Schedule_BadInput_Answers400NamingTheField_AndStoresNothing(string body, string field)
    {
        await using var app = await TestApp.StartAsync(azurite, null, new FakeTimeProvider(Start));
        using var request = app.AsCommander(HttpMethod.Post, Path);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await app.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().First().Name);
        Assert.Empty((await GetAsync(app, Path)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Schedule_RecordsOneDrillPerOccurrence_ThroughARestart_WaitingForApproval_AndSendsNothingUntilApproved()
    {
        var time = new FakeTimeProvider(Start);
        string prefix;
        await using (var first = await TestApp.StartAsync(azurite, null, time))
        {
            prefix = first.Prefix;
            var created = await CreateAsync(first, new { everyMonths = 3, startAt = Start.AddHours(1), customers = new[] { "fabrikam" }, summary = "Quarterly contact drill" });
            Assert.Equal(Start.AddHours(1), created.GetProperty("nextAt").GetDateTimeOffset());
            await SweepAsync(first);
            Assert.Empty(await DrillsAsync(first));

            time.Advance(TimeSpan.FromHours(1));
            await SweepAsync(first);
            await SweepAsync(first);
            var drill = Assert.Single(await DrillsAsync(first));
            Assert.Equal("AwaitingDecision", drill.GetProperty("status").GetString());
            Assert.Equal(Start.AddHours(1), drill.GetProperty("receivedAt").GetDateTimeOffset());
        }

        await using var second = await TestApp.StartAsync(azurite, s => s["Storage:Prefix"] = prefix, time);
        await SweepAsync(second);
        Assert.Single(await DrillsAsync(second));
        var schedule = Assert.Single((await GetAsync(second, Path)).GetProperty("items").EnumerateArray());
        Assert.Equal(Start.AddHours(1).AddMonths(3), schedule.GetProperty("nextAt").GetDateTimeOffset());

        time.SetUtcNow(Start.AddHours(1).AddMonths(3));
        await SweepAsync(second);
        await SweepAsync(second);
        Assert.Equal([Start.AddHours(1).AddMonths(3), Start.AddHours(1)], (await DrillsAsync(second)).Select(d => d.GetProperty("receivedAt").GetDateTimeOffset()));
        await Task.Delay(500, Ct);
        Assert.Empty(second.NoticeMails);
    }

    [Fact]
    public async Task Schedule_ThatApprovesItself_SendsTheDrill_AndTheConsoleShowsItsReportWithTheCsvLink()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, null, time);
        await CreateAsync(app, new { everyMonths = 6, startAt = Start, customers = new[] { "fabrikam" }, summary = "Half-yearly contact drill", autoApprove = true });

        await SweepAsync(app);

        var drill = Assert.Single(await DrillsAsync(app));
        var id = drill.GetProperty("id").GetString()!;
        var mail = Assert.Single(await app.WaitForMailsAsync(m => m.To == "legal@fabrikam.example" && m.Subject.Contains(id, StringComparison.Ordinal)));
        Assert.Contains("DRILL", mail.Subject, StringComparison.Ordinal);
        using var console = new ConsoleClient(app);
        await console.SignInAsync();
        var (_, page) = await console.GetAsync($"/console/matters/{id}");
        var document = Html.Parse(page);
        var row = Assert.Single(document.QuerySelectorAll("#drill tr.drill-contact"));
        Assert.Contains("legal@fabrikam.example", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(row.QuerySelector(".outcome")!.TextContent, new[] { "silent", "not-sent" });
        Assert.Equal($"/api/matters/{id}/drill-report?format=csv", document.QuerySelector("#drill-counts a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Edit_ChangesTheScheduleAndItsNextOccurrence_TheSweepRecordsTheEditedDrill_DeleteStopsIt()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, null, time);
        var id = (await CreateAsync(app, new { everyMonths = 3, startAt = Start.AddHours(1), customers = new[] { "fabrikam" }, summary = "Quarterly drill" })).GetProperty("id").GetString()!;
        time.Advance(TimeSpan.FromHours(2));
        await SweepAsync(app);
        Assert.Single(await DrillsAsync(app));

        // Summary only: the next occurrence stays; then a new interval: the first occurrence of the new schedule after now.
        var summaryOnly = await SendAsync(app, HttpMethod.Put, $"{Path}/{id}", new { everyMonths = 3, startAt = Start.AddHours(1), customers = new[] { "fabrikam" }, summary = "Renamed drill" });
        Assert.Equal(HttpStatusCode.OK, summaryOnly.Status);
        Assert.Equal(Start.AddHours(1).AddMonths(3), summaryOnly.Body.GetProperty("nextAt").GetDateTimeOffset());
        var monthly = await SendAsync(app, HttpMethod.Put, $"{Path}/{id}", new { everyMonths = 1, startAt = Start.AddHours(1), customers = new[] { "fabrikam", "tailspin" }, summary = "Monthly drill", autoApprove = true });
        Assert.Equal(HttpStatusCode.OK, monthly.Status);
        Assert.Equal(Start.AddHours(1).AddMonths(1), monthly.Body.GetProperty("nextAt").GetDateTimeOffset());
        Assert.Equal("ic-primary", monthly.Body.GetProperty("updatedBy").GetString());
        var read = await GetAsync(app, $"{Path}/{id}");
        Assert.Equal(("Monthly drill", 1, true), (read.GetProperty("summary").GetString(), read.GetProperty("everyMonths").GetInt32(), read.GetProperty("autoApprove").GetBoolean()));
        Assert.Equal(Start, read.GetProperty("createdAt").GetDateTimeOffset());

        time.SetUtcNow(Start.AddHours(1).AddMonths(1));
        await SweepAsync(app);
        var drills = await DrillsAsync(app);
        Assert.Equal(2, drills.Count);
        Assert.Equal(["fabrikam", "tailspin"], drills[0].GetProperty("customers").EnumerateArray().Select(c => c.GetString()));

        var deleted = await SendAsync(app, HttpMethod.Delete, $"{Path}/{id}", null);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(app, HttpMethod.Delete, $"{Path}/{id}", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(app, HttpMethod.Get, $"{Path}/{id}", null)).Status);
        time.SetUtcNow(Start.AddHours(1).AddMonths(2));
        await SweepAsync(app);
        Assert.Equal(2, (await DrillsAsync(app)).Count);
        Assert.Empty((await GetAsync(app, Path)).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Edit_BadInput_Answers400NamingTheField_AndChangesNothing(string body, string field)
    {
        await using var app = await TestApp.StartAsync(azurite, null, new FakeTimeProvider(Start));
        var created = await CreateAsync(app, new { everyMonths = 3, startAt = Start.AddHours(1), summary = "Quarterly drill" });
        var id = created.GetProperty("id").GetString()!;
        using var request = app.AsCommander(HttpMethod.Put, $"{Path}/{id}");
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await app.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().First().Name);
        Assert.Equal(created.GetRawText(), (await GetAsync(app, $"{Path}/{id}")).GetRawText());
    }

    [Fact]
    public async Task EditAndDelete_OfNoSuchSchedule_Answer404ProblemJson()
    {
        await using var app = await TestApp.StartAsync(azurite, null, new FakeTimeProvider(Start));

        var edit = await SendAsync(app, HttpMethod.Put, $"{Path}/dsc-00000000000000000000", new { everyMonths = 3, startAt = Start, summary = "x" });
        var delete = await SendAsync(app, HttpMethod.Delete, $"{Path}/not-an-id", null);

        Assert.Equal(HttpStatusCode.NotFound, edit.Status);
        Assert.Equal(HttpStatusCode.NotFound, delete.Status);
        Assert.Empty((await GetAsync(app, Path)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Console_AddsEditsAndDeletesASchedule_ABadFormIs400AndChangesNothing()
    {
        await using var app = await TestApp.StartAsync(azurite, null, new FakeTimeProvider(Start));
        using var console = new ConsoleClient(app);
        await console.SignInAsync();
        var (_, empty) = await console.GetAsync("/console/drill-schedules");
        var key = Html.Parse(empty).QuerySelector("#add-form input[name=key]")!.GetAttribute("value")!;
        var add = new Dictionary<string, string> { ["key"] = key, ["everyMonths"] = "3", ["startAt"] = "2026-12-10T09:00:00Z", ["customers"] = "fabrikam", ["summary"] = "Quarterly drill" };

        var (added, _) = await console.PostFormAsync("/console/drill-schedules", add);
        var (again, _) = await console.PostFormAsync("/console/drill-schedules", add);
        var id = Assert.Single((await GetAsync(app, Path)).GetProperty("items").EnumerateArray()).GetProperty("id").GetString()!;
        var (bad, badPage) = await console.PostFormAsync($"/console/drill-schedules/{id}",
            new Dictionary<string, string> { ["everyMonths"] = "quarterly", ["startAt"] = "2026-12-10T09:00:00Z", ["summary"] = "x" });
        var (saved, _) = await console.PostFormAsync($"/console/drill-schedules/{id}",
            new Dictionary<string, string> { ["everyMonths"] = "6", ["startAt"] = "2026-12-10T09:00:00Z", ["customers"] = "fabrikam tailspin", ["summary"] = "Half-yearly drill", ["autoApprove"] = "true" });
        var (_, list) = await console.GetAsync("/console/drill-schedules");
        var row = Html.Parse(list).QuerySelector("#schedules tr.schedule")!;
        var (deleted, _) = await console.PostFormAsync($"/console/drill-schedules/{id}/delete", []);
        var (_, after) = await console.GetAsync("/console/drill-schedules");

        Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("everyMonths", Html.Parse(badPage).QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal(("6 month(s)", "fabrikam, tailspin", "Half-yearly drill"),
            (row.QuerySelector(".every")!.TextContent, row.QuerySelector(".customers")!.TextContent, row.QuerySelector(".summary")!.TextContent));
        Assert.Equal(HttpStatusCode.SeeOther, deleted.StatusCode);
        Assert.Empty(Html.Parse(after).QuerySelectorAll("#schedules tr.schedule"));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(TestApp app, HttpMethod method, string path, object? body)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(method, path, body), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NoContent))
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task SweepAsync(TestApp app) => await app.Services.GetRequiredService<OutboxSweeper>().SweepAsync(Ct);

    private static async Task<JsonElement> CreateAsync(TestApp app, object body)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, Path, body), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<List<JsonElement>> DrillsAsync(TestApp app) =>
        [.. (await GetAsync(app, "/api/matters")).GetProperty("items").EnumerateArray().Where(m => m.GetProperty("kind").GetString() == "contact-drill")];

    private static async Task<JsonElement> GetAsync(TestApp app, string path)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, path), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
