using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.SubprocessorChanges;

/// <summary>The sub-processor change API against the real app and Azurite, on the sample directory, at a fixed time.</summary>
public sealed class SubprocessorChangeEndpointTests(AzuriteFixture azurite)
{
    private const string Path = "/api/subprocessor-changes";
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Announce_ValidChange_Answers201WithCustomersAndObjectionDeadlines_AndReadsBack()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));

        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, Path, Change(days: 60)), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = answer.GetProperty("id").GetString()!;
        Assert.Equal($"/api/subprocessor-changes/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("AwaitingDecision", answer.GetProperty("status").GetString());
        Assert.Equal(4, answer.GetProperty("recipients").GetInt32());
        Assert.Equal(["contoso", "fabrikam", "tailspin", "woodgrove"], answer.GetProperty("customers").EnumerateArray().Select(c => c.GetString()));
        var contoso = answer.GetProperty("objectionDeadlines").EnumerateArray().Single(d => d.GetProperty("customerId").GetString() == "contoso");
        Assert.Equal(Start.AddDays(30), contoso.GetProperty("noticeSentBy").GetDateTimeOffset());
        Assert.Equal(Start.AddDays(30), contoso.GetProperty("objectByAt").GetDateTimeOffset());

        var read = await ReadAsync(app, id);
        Assert.Equal("add", read.GetProperty("kind").GetString());
        Assert.Equal("mail-relay", read.GetProperty("subprocessor").GetProperty("id").GetString());
        Assert.Equal("announced", Assert.Single(read.GetProperty("timeline").EnumerateArray()).GetProperty("kind").GetString());
        Assert.Equal("commander:ic-primary", read.GetProperty("announcedBy").GetString());
    }

    [Fact]
    public async Task Announce_OptInServiceInRegion_ConcernsOnlyOptedInCustomersThere()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));

        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, Path, Change(days: 60, services: ["ai-coach"], regions: ["US"])), Ct);

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["fabrikam", "woodgrove"], answer.GetProperty("customers").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Announce_EffectiveTooSoon_Answers400NamingEarliestEffectiveAtAndCustomers_AndStoresNothing()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));

        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, Path, Change(days: 20)), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(Start.AddDays(30), problem.GetProperty("earliestEffectiveAt").GetDateTimeOffset());
        Assert.Equal(["contoso"], problem.GetProperty("customers").EnumerateArray().Select(c => c.GetString()));
        Assert.StartsWith("effectiveAt:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await RowCountAsync(app));
    }

    [Theory]
    [InlineData("kind", """{"kind":"rename","subprocessor":{"id":"x"},"services":["core-platform"],"effectiveAt":"2027-06-01T00:00:00Z"}""")]
    [InlineData("services", """{"kind":"remove","subprocessor":{"id":"cloud-host"},"services":["nope"],"effectiveAt":"2027-06-01T00:00:00Z"}""")]
    [InlineData("effectiveAt", """{"kind":"remove","subprocessor":{"id":"cloud-host"},"services":["core-platform"],"effectiveAt":"soon"}""")]
    [InlineData("subprocessor.purpose", """{"kind":"add","subprocessor":{"id":"x","name":"X","entity":"X Ltd","location":"IE"},"services":["core-platform"],"effectiveAt":"2027-06-01T00:00:00Z"}""")]
    [InlineData("replaces", """{"kind":"replace","subprocessor":{"id":"x","name":"X","entity":"X Ltd","purpose":"p","location":"IE"},"services":["core-platform"],"effectiveAt":"2027-06-01T00:00:00Z"}""")]
    [InlineData("regions", """{"kind":"remove","subprocessor":{"id":"cloud-host"},"services":["core-platform"],"regions":"EU","effectiveAt":"2027-06-01T00:00:00Z"}""")]
    public async Task Announce_BadInput_Answers400ProblemNamingTheField_AndStoresNothing(string field, string json)
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var request = app.AsCommander(HttpMethod.Post, Path);
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await app.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(field, problem.GetProperty("errors").EnumerateObject().First().Name);
        Assert.Equal(0, await RowCountAsync(app));
    }

    [Fact]
    public async Task Announce_RetriedWithTheSameIdempotencyKey_AnswersTheSameChange_AndStoresOne()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));

        var first = await AnnounceAsync(app, Change(days: 60), key: "retry-1");
        var again = await AnnounceAsync(app, Change(days: 60), key: "retry-1");
        var other = await AnnounceAsync(app, Change(days: 60), key: "retry-2");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, Path), Ct);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").GetArrayLength());
        Assert.Single((await ReadAsync(app, first)).GetProperty("timeline").EnumerateArray());
    }

    [Fact]
    public async Task Announce_SameIdempotencyKeyForAnotherChange_Answers409()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        await AnnounceAsync(app, Change(days: 60), key: "retry-1");
        var request = app.AsCommander(HttpMethod.Post, Path, Change(days: 61));
        request.Headers.Add("Idempotency-Key", "retry-1");

        using var response = await app.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Announce_WithoutCommanderKey_Answers401()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));

        using var response = await app.Http.PostAsJsonAsync(Path, Change(days: 60), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Approve_RecordsApprovedStatusAndFrozenRecipientsWithLocaleAndDueTime()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        var id = await AnnounceAsync(app, Change(days: 60));
        time.Advance(TimeSpan.FromDays(1));

        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/decision", new { decision = "approve", comment = "vendor review done" }), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Approved", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        var read = await ReadAsync(app, id);
        Assert.Equal("Approved", read.GetProperty("status").GetString());
        var recipients = read.GetProperty("recipients").EnumerateArray().ToList();
        Assert.Equal(4, recipients.Count);
        var contoso = recipients.Single(r => r.GetProperty("customerId").GetString() == "contoso");
        Assert.Equal("privacy@contoso.example", contoso.GetProperty("email").GetString());
        Assert.Equal("de-DE", contoso.GetProperty("locale").GetString());
        Assert.Equal(Start.AddDays(30), contoso.GetProperty("dueAt").GetDateTimeOffset());
        var woodgrove = read.GetProperty("customers").EnumerateArray().Single(c => c.GetProperty("customerId").GetString() == "woodgrove");
        Assert.Equal(Start.AddDays(1 + 10), woodgrove.GetProperty("objectByAt").GetDateTimeOffset());
        Assert.Equal(["announced", "approved"], read.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Approve_TooLateForTheContractualNotice_Answers409NamingEarliestEffectiveAt()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        var id = await AnnounceAsync(app, Change(days: 31));
        time.Advance(TimeSpan.FromDays(2));

        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/decision", new { decision = "approve" }), Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(Start.AddDays(32), problem.GetProperty("earliestEffectiveAt").GetDateTimeOffset());
        Assert.Equal("AwaitingDecision", (await ReadAsync(app, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Reject_AfterApproval_Answers409_AndWithdrawAfterApprovalOwesWithdrawalNotices()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var id = await AnnounceAsync(app, Change(days: 60));
        await DecideAsync(app, id, "approve");

        using var reject = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/decision", new { decision = "reject" }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, reject.StatusCode);
        await DecideAsync(app, id, "withdraw");

        var read = await ReadAsync(app, id);
        Assert.Equal("Withdrawn", read.GetProperty("status").GetString());
        Assert.True(read.GetProperty("withdrawalNoticesOwed").GetBoolean());
    }

    [Fact]
    public async Task Decide_UnknownChangeOrBadDecision_Answers404Or400()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));

        using var unknown = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/spc-00000000000000000000/decision", new { decision = "approve" }), Ct);
        using var bad = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/spc-00000000000000000000/decision", new { decision = "maybe" }), Ct);
        using var read = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"{Path}/not-an-id"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task List_ChangesAcrossMonths_NewestFirstWithStatus()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        var first = await AnnounceAsync(app, Change(days: 90));
        time.Advance(TimeSpan.FromDays(40));
        var second = await AnnounceAsync(app, Change(days: 100, id: "log-store"));
        await DecideAsync(app, second, "reject");

        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, Path), Ct);

        var items = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([second, first], items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(["Rejected", "AwaitingDecision"], items.Select(i => i.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task PublicList_ShowsApprovedChangesUpcomingThenCurrent_NotPendingOnes_AndNoCustomerData()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        var approved = await AnnounceAsync(app, Change(days: 30));
        await DecideAsync(app, approved, "approve");
        await AnnounceAsync(app, Change(days: 60, id: "pending-one"));

        var before = await app.Http.GetStringAsync("/subprocessors.json", Ct);
        time.Advance(TimeSpan.FromDays(31));
        // The change becomes current when its timer records it (the sweep, here at once), not from the time of the request.
        await app.Services.GetRequiredService<OutboxSweeper>().SweepAsync(Ct);
        var after = await app.Http.GetFromJsonAsync<JsonElement>("/subprocessors.json", Ct);

        var list = JsonDocument.Parse(before).RootElement;
        Assert.Equal(["mail-relay"], list.GetProperty("upcoming").EnumerateArray().Select(u => u.GetProperty("subprocessor").GetProperty("id").GetString()));
        Assert.DoesNotContain(list.GetProperty("current").EnumerateArray(), s => s.GetProperty("id").GetString() == "mail-relay");
        Assert.Contains(after.GetProperty("current").EnumerateArray(), s => s.GetProperty("id").GetString() == "mail-relay");
        Assert.Empty(after.GetProperty("upcoming").EnumerateArray());
        Assert.DoesNotContain("pending-one", before, StringComparison.Ordinal);
        Assert.DoesNotContain("contoso", before, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@", before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObjectionOutcome_Cancelled_IsShownOnTheObjectionAndCancelsTheChange()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        var id = await AnnounceAsync(app, Change(days: 60));
        await DecideAsync(app, id, "approve");
        time.Advance(TimeSpan.FromDays(3));
        var workflow = app.Services.GetRequiredService<SubprocessorChangeWorkflow>();
        var (objected, _) = await workflow.HandleAsync(id, new BreachNotify.SubprocessorChanges.RecordObjection("fabrikam", "contact:legal", "data leaves the US"), Ct);
        Assert.Null(objected.Refusal);

        using var response = await app.Http.SendAsync(
            app.AsCommander(HttpMethod.Post, $"{Path}/{id}/objections/fabrikam/outcome", new { outcome = "cancelled", comment = "we keep the old relay" }), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await ReadAsync(app, id);
        Assert.Equal("Cancelled", read.GetProperty("status").GetString());
        var objection = Assert.Single(read.GetProperty("objections").EnumerateArray());
        Assert.Equal("cancelled", objection.GetProperty("outcome").GetString());
        Assert.Equal(Start.AddDays(3), objection.GetProperty("at").GetDateTimeOffset());
        // The cure period: 30 days (the sample processor's default) from the objection.
        Assert.Equal(Start.AddDays(33), objection.GetProperty("cureDeadline").GetDateTimeOffset());
    }

    [Fact]
    public async Task ObjectionOutcome_WithoutObjection_Answers404_AndUnknownOutcome400()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var id = await AnnounceAsync(app, Change(days: 60));

        using var none = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/objections/fabrikam/outcome", new { outcome = "resolved" }), Ct);
        using var bad = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/objections/fabrikam/outcome", new { outcome = "shrug" }), Ct);

        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Sweep_AfterAWindowCloses_RecordsNoObjectionConsentForThatCustomerOnly()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        var id = await AnnounceAsync(app, Change(days: 60));
        await DecideAsync(app, id, "approve");
        var sweeper = app.Services.GetRequiredService<OutboxSweeper>();
        await sweeper.SweepAsync(Ct);
        Assert.Empty((await ReadAsync(app, id)).GetProperty("consents").EnumerateArray());

        time.Advance(TimeSpan.FromDays(10) + TimeSpan.FromMinutes(1));
        await sweeper.SweepAsync(Ct);
        await sweeper.SweepAsync(Ct);

        var read = await ReadAsync(app, id);
        var consent = Assert.Single(read.GetProperty("consents").EnumerateArray());
        Assert.Equal("woodgrove", consent.GetProperty("customerId").GetString());
        Assert.Equal("no-objection-in-window", consent.GetProperty("basis").GetString());
        Assert.Equal(Start.AddDays(10), consent.GetProperty("at").GetDateTimeOffset());

        time.Advance(TimeSpan.FromDays(20));
        await sweeper.SweepAsync(Ct);
        Assert.Equal(4, (await ReadAsync(app, id)).GetProperty("consents").GetArrayLength());
    }

    [Fact]
    public async Task Decide_ConcurrentApproveAndReject_ExactlyOneWins()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var id = await AnnounceAsync(app, Change(days: 60));

        var answers = await Task.WhenAll(
            app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/decision", new { decision = "approve" }), Ct),
            app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/decision", new { decision = "reject" }), Ct));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var read = await ReadAsync(app, id);
        Assert.Equal(2, read.GetProperty("timeline").GetArrayLength());
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task PublicPageAndFeed_ShowApprovedChangesEncoded_AndNoCustomerData()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var approved = await AnnounceAsync(app, Change(days: 30, id: "<b>relay</b>"));
        await DecideAsync(app, approved, "approve");
        await AnnounceAsync(app, Change(days: 60, id: "pending-one"));

        using var page = await app.Http.GetAsync("/subprocessors", Ct);
        using var feed = await app.Http.GetAsync("/subprocessors.atom", Ct);

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Example &lt;b&gt;relay&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Example cloud hosting provider", html, StringComparison.Ordinal);
        Assert.DoesNotContain("pending-one", html, StringComparison.Ordinal);
        Assert.DoesNotContain("contoso", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType?.MediaType);
        var atom = System.Xml.Linq.XDocument.Parse(await feed.Content.ReadAsStringAsync(Ct));
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2005/Atom";
        var entry = Assert.Single(atom.Root!.Elements(ns + "entry"));
        Assert.Equal($"urn:breachnotify:subprocessor-change:{approved}", entry.Element(ns + "id")?.Value);
        Assert.Contains("effective 2027-01-01", entry.Element(ns + "summary")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_RowLostAfterTheChangesCommit_IsRewrittenByTheChangesNextStep()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var id = await AnnounceAsync(app, Change(days: 60));
        var table = app.Services.GetRequiredService<StorageClients>().SubprocessorChanges;
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo("list-") >= 0 && e.PartitionKey.CompareTo("list.") < 0, cancellationToken: Ct))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: Ct);
        }

        Assert.Empty(await ListIdsAsync(app));
        await DecideAsync(app, id, "approve");

        Assert.Equal([id], await ListIdsAsync(app));
    }

    private static async Task<List<string?>> ListIdsAsync(TestApp app)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, Path), Ct);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString())];
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<TestApp> StartAsync(FakeTimeProvider time) =>
        TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);

    private static object Change(int days, string[]? services = null, string[]? regions = null, string id = "mail-relay") => new
    {
        kind = "add",
        subprocessor = new { id, name = $"Example {id}", entity = "Example Ltd", purpose = "Transactional email", location = "IE" },
        services = services ?? ["core-platform"],
        regions,
        effectiveAt = Start.AddDays(days),
        comment = "new vendor",
    };

    private static async Task<string> AnnounceAsync(TestApp app, object change, string? key = null)
    {
        var request = app.AsCommander(HttpMethod.Post, Path, change);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await app.Http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static async Task DecideAsync(TestApp app, string id, string decision)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/decision", new { decision }), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> ReadAsync(TestApp app, string id)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"{Path}/{id}"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<int> RowCountAsync(TestApp app)
    {
        var table = app.Services.GetRequiredService<StorageClients>().SubprocessorChanges;
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(cancellationToken: Ct))
        {
            count++;
        }

        return count;
    }
}
