using System.Globalization;
using BreachNotify.Cli.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace BreachNotify.Cli.Tests;

/// <summary>incident export and register export against a tiny commanders' API with canned answers.</summary>
public sealed class ExportTests
{
    private const string Key = "commander-key-0123456789";

    private const string Incident = """
        {
          "id": "inc-20260301-abc",
          "status": "Notifying",
          "awareAt": "2026-03-01T10:00:00+00:00",
          "title": "Exfiltration from sql-prod-eu",
          "detections": [],
          "affected": { "customers": ["contoso"], "subprocessors": [] },
          "deadlines": [],
          "statutoryClocks": [],
          "notices": [
            { "noticeId": "n-1", "recipientId": "contoso", "contact": { "name": "Ana", "email": "dpo@contoso.example", "locale": "en" },
              "channel": "email", "status": "acknowledged", "dueAt": "2026-03-02T10:00:00+00:00",
              "sentAt": "2026-03-01T11:00:00+00:00", "deliveredAt": "2026-03-01T11:00:05+00:00",
              "acknowledgedAt": "2026-03-01T12:30:00+01:00", "acknowledgedBy": "Ana, DPO", "attempts": 1, "reminders": 0 },
            { "noticeId": "n-2", "recipientId": "contoso", "contact": { "name": "Ben", "email": "security@contoso.example", "locale": "en" },
              "channel": "email", "status": "pending", "dueAt": "2026-03-02T10:00:00+00:00", "attempts": 0, "reminders": 0 }
          ],
          "noticeCounts": { "total": 2, "pending": 1, "sent": 1, "failed": 0, "acknowledged": 1 },
          "timeline": [],
          "deadLetters": []
        }
        """;

    [Fact]
    public async Task Incident_csv_has_one_row_per_notice()
    {
        await using var server = await ApiAsync(null);

        var result = await CliRun.RunAsync(["incident", "export", "--url", server.Url, "--key", Key, "--format", "csv", "inc-20260301-abc"]);

        Assert.Equal(0, result.ExitCode);
        var lines = result.OutputLines;
        Assert.Equal(3, lines.Count);
        Assert.Equal("noticeId,recipientId,email,status,sentAt,deliveredAt,acknowledgedAt,acknowledgedBy", lines[0]);
        Assert.Equal("n-1,contoso,dpo@contoso.example,acknowledged,2026-03-01T11:00:00Z,2026-03-01T11:00:05Z,2026-03-01T11:30:00Z,\"Ana, DPO\"", lines[1]);
        Assert.Equal("n-2,contoso,security@contoso.example,pending,,,,", lines[2]);
    }

    [Fact]
    public async Task Incident_json_is_the_answer_as_is_and_can_go_to_a_file()
    {
        await using var server = await ApiAsync(null);
        var file = Path.Combine(Path.GetTempPath(), $"incident-{Guid.NewGuid():n}.json");
        try
        {
            var result = await CliRun.RunAsync(["incident", "export", "--url", server.Url, "inc-20260301-abc", "--out", file],
                environment: new Dictionary<string, string> { [Cli.CommanderKeyVariable] = Key });

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(Incident.Trim(), (await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).Trim());
            Assert.Contains("wrote incident to", result.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_refused_key_and_an_unknown_incident_are_one_line()
    {
        await using var server = await ApiAsync(null);

        (await CliRun.RunAsync(["incident", "export", "--url", server.Url, "--key", "wrong", "inc-20260301-abc"]))
            .AssertOneLineFailure("401: the commander key was refused");
        (await CliRun.RunAsync(["incident", "export", "--url", server.Url, "--key", Key, "inc-nope"]))
            .AssertOneLineFailure("404: incident 'inc-nope' not found");
        (await CliRun.RunAsync(["incident", "export", "--url", server.Url, "inc-20260301-abc"]))
            .AssertOneLineFailure("--key is required (or set BREACHNOTIFY_COMMANDER_KEY)");
    }

    [Fact]
    public async Task An_incident_listed_in_pages_is_exported_whole_following_noticesNext()
    {
        var asked = new List<string>();
        // The app's paging: two notices a page here (the CLI asks for the most, 1,000), the next page after the last id listed.
        await using var server = await TinyServer.StartAsync(async http =>
        {
            asked.Add(http.Request.QueryString.Value ?? "");
            var from = http.Request.Query["noticesAfter"].ToString() is { Length: > 0 } after ? int.Parse(after[2..], CultureInfo.InvariantCulture) + 1 : 0;
            var ids = Enumerable.Range(from, Math.Min(2, 5 - from)).ToList();
            await http.Response.WriteAsJsonAsync(new
            {
                id = "inc-paged",
                status = "Notifying",
                notices = ids.Select(i => new { noticeId = $"n-{i}", recipientId = "contoso", contact = new { email = $"c{i}@contoso.example" }, status = "Sent" }),
                noticesNext = ids[^1] < 4 ? $"n-{ids[^1]}" : null,
            });
        });

        var csv = await CliRun.RunAsync(["incident", "export", "--url", server.Url, "--key", Key, "--format", "csv", "inc-paged"]);
        var json = await CliRun.RunAsync(["incident", "export", "--url", server.Url, "--key", Key, "inc-paged"]);

        Assert.Equal(0, csv.ExitCode);
        Assert.Equal(["n-0", "n-1", "n-2", "n-3", "n-4"], csv.OutputLines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(["?noticeLimit=1000", "?noticeLimit=1000&noticesAfter=n-1", "?noticeLimit=1000&noticesAfter=n-3"], asked.Take(3));
        var whole = System.Text.Json.JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(5, whole.GetProperty("notices").GetArrayLength());
        Assert.False(whole.TryGetProperty("noticesNext", out _));
        Assert.Equal("inc-paged", whole.GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_register_is_csv_in_order_of_awareness_with_dates_as_whole_utc_days()
    {
        var query = new List<string>();
        await using var server = await ApiAsync(query, incidents: 3);

        var result = await CliRun.RunAsync(["register", "export", "--url", server.Url, "--key", Key, "--from", "2026-01-01", "--to", "2026-03-31"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("?from=2026-01-01T00%3A00%3A00Z&to=2026-04-01T00%3A00%3A00Z", Assert.Single(query));
        var lines = result.OutputLines;
        Assert.Equal(4, lines.Count);
        Assert.Equal("id,status,verdict,awareAt,title,earliestDueAt,customers,subprocessors,recipients", lines[0]);
        Assert.Equal("inc-0,Notifying,PersonalDataBreach,2026-01-01T00:00:00Z,Incident 0,2026-01-02T00:00:00Z,1,0,2", lines[1]);
        Assert.StartsWith("inc-2,", lines[3]);
        Assert.DoesNotContain("exported", result.Error);
    }

    [Fact]
    public async Task A_long_register_shows_progress()
    {
        await using var server = await ApiAsync(null, incidents: 250);

        var result = await CliRun.RunAsync(["register", "export", "--url", server.Url, "--key", Key]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(251, result.OutputLines.Count);
        Assert.Contains("exported 250/250", result.ErrorLines);
        Assert.True(result.ErrorLines.Count <= 12);
    }

    [Fact]
    public async Task A_bad_date_is_one_line()
    {
        (await CliRun.RunAsync(["register", "export", "--key", Key, "--from", "31/01/2026"]))
            .AssertOneLineFailure("--from: '31/01/2026' is neither a date");
    }

    private static async Task<TinyServer> ApiAsync(List<string>? queries, int incidents = 0) =>
        await TinyServer.StartAsync(async http =>
        {
            if (http.Request.Headers.Authorization != $"Bearer {Key}")
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            if (http.Request.Path == "/api/incidents")
            {
                queries?.Add(http.Request.QueryString.Value ?? "");
                // Listed in the API's order (awaiting decision first), not by awareness: the export sorts.
                await http.Response.WriteAsJsonAsync(Enumerable.Range(0, incidents).Reverse().Select(i => new
                {
                    id = $"inc-{i}",
                    status = "Notifying",
                    verdict = "PersonalDataBreach",
                    awareAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i),
                    title = string.Create(CultureInfo.InvariantCulture, $"Incident {i}"),
                    earliestDueAt = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero).AddHours(i),
                    customers = 1,
                    subprocessors = 0,
                    recipients = 2,
                }));
                return;
            }

            if (http.Request.Path == "/api/incidents/inc-20260301-abc")
            {
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(Incident);
                return;
            }

            http.Response.StatusCode = StatusCodes.Status404NotFound;
        });
}
