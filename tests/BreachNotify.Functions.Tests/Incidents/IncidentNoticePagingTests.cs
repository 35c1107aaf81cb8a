using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Incidents;

/// <summary><c>GET /api/incidents/{id}</c> returns its notices a page at a time and counts every one of them on each page.</summary>
public sealed class IncidentNoticePagingTests(AzuriteFixture azurite)
{
    private const int Customers = 5;
    private const int ContactsEach = 5;

    [Fact]
    public async Task PagesOfTen_ListEachOfTwentyFiveNoticesOnce_AndEveryPageCountsAllTwentyFive()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await TestApp.StartAsync(azurite, s => s["Directory:Path"] = GeneratedDirectory.Write(Customers, ContactsEach, "en-GB"));
        var incidentId = await ApproveAndWaitUntilSentAsync(app, "paging-1");

        var seen = new List<string>();
        var pageSizes = new List<int>();
        string? after = null;
        do
        {
            var page = await GetAsync(app, $"/api/incidents/{incidentId}?noticeLimit=10" + (after is null ? "" : $"&noticesAfter={after}"), ct);
            var notices = page.GetProperty("notices").EnumerateArray().ToList();
            pageSizes.Add(notices.Count);
            seen.AddRange(notices.Select(n => n.GetProperty("contact").GetProperty("email").GetString()!));
            Assert.Equal(25, page.GetProperty("noticeCounts").GetProperty("total").GetInt32());
            Assert.Equal(25, page.GetProperty("noticeCounts").GetProperty("sent").GetInt32());
            // A page's timeline carries its own notices' entries, not the others'.
            Assert.Equal(notices.Count, page.GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("kind").GetString() == "noticeSent"));
            after = page.TryGetProperty("noticesNext", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (after is not null && pageSizes.Count < 10);

        Assert.Equal([10, 10, 5], pageSizes);
        var expected = Enumerable.Range(0, Customers).SelectMany(c => Enumerable.Range(0, ContactsEach).Select(k => $"k{k}@c{c:D4}.example")).Order(StringComparer.Ordinal);
        Assert.Equal(expected, seen.Order(StringComparer.Ordinal));

        var whole = await GetAsync(app, $"/api/incidents/{incidentId}", ct);
        Assert.Equal(25, whole.GetProperty("notices").GetArrayLength());
        Assert.True(!whole.TryGetProperty("noticesNext", out var none) || none.ValueKind == JsonValueKind.Null, "one page holds them all: no next page");
    }

    [Theory]
    [InlineData("noticeLimit=0", "noticeLimit")]
    [InlineData("noticeLimit=1001", "noticeLimit")]
    [InlineData("noticeLimit=ten", "noticeLimit")]
    [InlineData("noticesAfter=n%7Cx", "noticesAfter")]
    public async Task ABadPageParameter_IsA400NamingIt(string query, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await TestApp.StartAsync(azurite, s => s["Directory:Path"] = GeneratedDirectory.Write(1, 1, "en-GB"));
        var incidentId = await DetectAsync(app, "paging-bad-" + field + query.Length);

        var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"/api/incidents/{incidentId}?{query}"), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(field + ":", (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> DetectAsync(TestApp app, string externalId)
    {
        var ct = TestContext.Current.CancellationToken;
        var posted = await app.PostDetectionAsync(GeneratedDirectory.Detection(externalId));
        return (await posted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
    }

    private static async Task<string> ApproveAndWaitUntilSentAsync(TestApp app, string externalId)
    {
        var ct = TestContext.Current.CancellationToken;
        var incidentId = await DetectAsync(app, externalId);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpResponseMessage approved;
        do
        {
            // Right after ingest the incident may still be classifying (409): ask again.
            approved = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct);
        }
        while (approved.StatusCode == HttpStatusCode.Conflict && DateTime.UtcNow < deadline && await Delay(ct));

        approved.EnsureSuccessStatusCode();
        while (DateTime.UtcNow < deadline
            && (await GetAsync(app, $"/api/incidents/{incidentId}", ct)).GetProperty("noticeCounts").GetProperty("sent").GetInt32() < Customers * ContactsEach)
        {
            await Task.Delay(200, ct);
        }

        return incidentId;
    }

    private static async Task<bool> Delay(CancellationToken ct)
    {
        await Task.Delay(200, ct);
        return true;
    }

    private static async Task<JsonElement> GetAsync(TestApp app, string path, CancellationToken ct)
    {
        var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, path), ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }
}
