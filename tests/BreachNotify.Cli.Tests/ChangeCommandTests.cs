using System.Text.Json;
using BreachNotify.Cli.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace BreachNotify.Cli.Tests;

/// <summary>change announce and change export against a tiny commanders' API that records what it was sent and gives the API's answers.</summary>
public sealed class ChangeCommandTests
{
    private const string Key = "commander-key-0123456789";

    private const string ChangeFile = """
        { "kind": "add", "subprocessor": { "id": "example-relay", "name": "Example Relay", "entity": "Example Relay Ltd", "purpose": "Transactional email", "location": "IE" },
          "services": ["core-platform"], "effectiveAt": "2027-01-31T09:00:00Z" }
        """;

    private const string Created = """
        { "id": "spc-0123456789abcdef0123", "status": "AwaitingDecision", "recipients": 4, "customers": ["contoso", "fabrikam"],
          "objectionDeadlines": [
            { "customerId": "contoso", "noticeSentBy": "2027-01-01T09:00:00+00:00", "objectByAt": "2027-01-01T09:00:00+00:00", "noticeDays": 30, "objectionDays": 30 },
            { "customerId": "fabrikam", "noticeSentBy": "2027-01-16T09:00:00+00:00", "objectByAt": "2026-12-17T09:00:00+00:00", "noticeDays": 15, "objectionDays": 15 } ] }
        """;

    private const string List = """
        { "items": [
          { "id": "spc-2", "kind": "replace", "status": "Approved", "subprocessor": { "id": "new-relay", "name": "New Relay, Inc.", "entity": "New Relay Inc", "purpose": "Email", "location": "US" },
            "replaces": "old-relay", "effectiveAt": "2027-02-01T00:00:00+00:00", "announcedAt": "2026-12-02T09:00:00+00:00", "customers": 3 },
          { "id": "spc-1", "kind": "add", "status": "Rejected", "subprocessor": { "id": "log-store", "name": "=Log Store" },
            "effectiveAt": "2027-01-15T00:00:00+00:00", "announcedAt": "2026-11-20T09:00:00+00:00", "customers": 1 } ] }
        """;

    private const string One = """
        { "id": "spc-2", "kind": "replace", "status": "Approved", "notices": [
          { "noticeId": "n00000", "recipientId": "customer:contoso:0", "customerId": "contoso", "contact": "Carla Privacy", "email": "privacy@contoso.example", "locale": "de-DE",
            "status": "Acknowledged", "dueAt": "2027-01-01T09:00:00+00:00", "sentAt": "2026-12-02T09:00:01+00:00", "windowClosesAt": "2027-01-01T09:00:00+00:00",
            "acknowledgedAt": "2026-12-03T10:00:00+00:00", "acknowledgedBy": "Carla Privacy", "reminders": 0 },
          { "noticeId": "n00001", "recipientId": "customer:fabrikam:0", "customerId": "fabrikam", "contact": "Fay Legal", "email": "legal@fabrikam.example", "locale": "en",
            "status": "Sent", "dueAt": "2027-01-16T09:00:00+00:00", "sentAt": "2026-12-02T09:00:01+00:00", "windowClosesAt": "2026-12-17T09:00:00+00:00",
            "objectedAt": "2026-12-04T08:00:00+00:00", "reminders": 1 } ] }
        """;

    [Fact]
    public async Task Announce_PostsTheFileAsTheApisBody_WithAKeyFromItsContent_AndPrintsTheDeadlines()
    {
        var seen = new List<(string Body, string IdempotencyKey)>();
        await using var server = await ApiAsync(seen);
        var file = await WriteAsync(ChangeFile);

        var first = await CliRun.RunAsync(["change", "announce", "--url", server.Url, "--key", Key, file]);
        var again = await CliRun.RunAsync(["change", "announce", "--url", server.Url, file], environment: new Dictionary<string, string> { [Cli.CommanderKeyVariable] = Key });

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(
            ["spc-0123456789abcdef0123 AwaitingDecision: 4 notices to 2 customers once approved",
             "  contoso: notice by 2027-01-01T09:00:00Z, objections until 2027-01-01T09:00:00Z",
             "  fabrikam: notice by 2027-01-16T09:00:00Z, objections until 2026-12-17T09:00:00Z"],
            first.OutputLines);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(2, seen.Count);
        Assert.Equal(ChangeFile, seen[0].Body);
        // The same file gives the same key, so the app answers the second run with the change the first one made.
        Assert.StartsWith("file-", seen[0].IdempotencyKey, StringComparison.Ordinal);
        Assert.Equal(seen[0].IdempotencyKey, seen[1].IdempotencyKey);
    }

    [Fact]
    public async Task Announce_RefusedByTheApp_IsOneLineNamingTheFieldAndTheEarliestTime_AndAFileThatIsNotJsonIsNotSent()
    {
        var seen = new List<(string Body, string IdempotencyKey)>();
        await using var server = await ApiAsync(seen);

        (await CliRun.RunAsync(["change", "announce", "--url", server.Url, "--key", Key, await WriteAsync(ChangeFile.Replace("2027-01-31", "2026-12-20", StringComparison.Ordinal))]))
            .AssertOneLineFailure("400: effectiveAt: gives 1 customers less notice than their contracts (earliest allowed effectiveAt: 2027-01-01T09:00:00+00:00)");
        (await CliRun.RunAsync(["change", "announce", "--url", server.Url, "--key", Key, await WriteAsync("{ not json")]))
            .AssertOneLineFailure("not JSON");
        (await CliRun.RunAsync(["change", "announce", "--url", server.Url, "--key", "wrong", await WriteAsync(ChangeFile)]))
            .AssertOneLineFailure("401: the commander key was refused");
        Assert.Single(seen);
    }

    [Fact]
    public async Task Export_TheRegisterAsCsv_OneRowPerChange_AndOneChangeAsCsvOfItsNotices_OrJsonAsIs()
    {
        await using var server = await ApiAsync([]);

        var register = await CliRun.RunAsync(["change", "export", "--url", server.Url, "--key", Key]);
        var notices = await CliRun.RunAsync(["change", "export", "--url", server.Url, "--key", Key, "spc-2"]);
        var json = await CliRun.RunAsync(["change", "export", "--url", server.Url, "--key", Key, "--format", "json", "spc-2"]);

        Assert.Equal(0, register.ExitCode);
        Assert.Equal(
            ["id,announcedAt,kind,subprocessorId,subprocessorName,entity,purpose,location,replaces,effectiveAt,status,customers",
             "spc-2,2026-12-02T09:00:00Z,replace,new-relay,\"New Relay, Inc.\",New Relay Inc,Email,US,old-relay,2027-02-01T00:00:00Z,Approved,3",
             "spc-1,2026-11-20T09:00:00Z,add,log-store,'=Log Store,,,,,2027-01-15T00:00:00Z,Rejected,1"],
            register.OutputLines);
        Assert.Equal(
            ["noticeId,customerId,contact,email,status,sentAt,windowClosesAt,acknowledgedAt,acknowledgedBy,objectedAt,withdrawalSentAt",
             "n00000,contoso,Carla Privacy,privacy@contoso.example,Acknowledged,2026-12-02T09:00:01Z,2027-01-01T09:00:00Z,2026-12-03T10:00:00Z,Carla Privacy,,",
             "n00001,fabrikam,Fay Legal,legal@fabrikam.example,Sent,2026-12-02T09:00:01Z,2026-12-17T09:00:00Z,,,2026-12-04T08:00:00Z,"],
            notices.OutputLines);
        Assert.Equal(One.Trim(), json.Output.Trim());
        (await CliRun.RunAsync(["change", "export", "--url", server.Url, "--key", Key, "spc-nope"])).AssertOneLineFailure("404: change 'spc-nope' not found");
    }

    private static async Task<string> WriteAsync(string content)
    {
        var file = Path.Combine(Path.GetTempPath(), $"change-{Guid.NewGuid():n}.json");
        await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);
        return file;
    }

    private static async Task<TinyServer> ApiAsync(List<(string Body, string IdempotencyKey)> seen) =>
        await TinyServer.StartAsync(async http =>
        {
            if (http.Request.Headers.Authorization != $"Bearer {Key}")
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            var path = http.Request.Path.Value;
            if (path == "/api/subprocessor-changes" && HttpMethods.IsPost(http.Request.Method))
            {
                var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
                seen.Add((body, http.Request.Headers["Idempotency-Key"].ToString()));
                http.Response.ContentType = body.Contains("2026-12-20", StringComparison.Ordinal) ? "application/problem+json" : "application/json";
                http.Response.StatusCode = body.Contains("2026-12-20", StringComparison.Ordinal) ? 400 : 201;
                await http.Response.WriteAsync(http.Response.StatusCode == 201 ? Created : JsonSerializer.Serialize(new
                {
                    title = "The request is not valid",
                    status = 400,
                    detail = "effectiveAt: gives 1 customers less notice than their contracts",
                    earliestEffectiveAt = "2027-01-01T09:00:00+00:00",
                    customers = new[] { "contoso" },
                }));
                return;
            }

            var answer = path switch
            {
                "/api/subprocessor-changes" => List,
                "/api/subprocessor-changes/spc-2" => One,
                _ => null,
            };
            if (answer is null)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(answer);
        });
}
