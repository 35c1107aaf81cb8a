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
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors")[0].GetProperty("field").GetString());
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
