using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.OtherNotices;

/// <summary><c>GET /api/matters/{id}</c> returns its notices a page at a time, as the incident read does (on the sample directory).</summary>
public sealed class MatterNoticePagingTests(AzuriteFixture azurite)
{
    private const string Path = "/api/matters";
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Customers = ["fabrikam", "tailspin", "contoso", "woodgrove"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PagesOfOne_ListEachNoticeOnce_InOrder_WithTheirRowsStatus()
    {
        await using var app = await TestApp.StartAsync(azurite, time: new FakeTimeProvider(Start));
        var id = await RecordAsync(app);
        using (var approved = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/decision", new { decision = "approve" }), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        var whole = await WaitUntilAllSentAsync(app, id);
        var count = whole.GetProperty("notices").GetArrayLength();
        Assert.True(count >= Customers.Length, $"one notice per contact of each of the {Customers.Length} customers at least, got {count}");

        var paged = new List<JsonElement>();
        var pages = 0;
        string? after = null;
        do
        {
            var page = await NoticePaging.GetAsync(app, $"{Path}/{id}?noticeLimit=1" + (after is null ? "" : $"&noticesAfter={after}"), Ct);
            Assert.Equal(1, page.GetProperty("notices").GetArrayLength());
            // Each page counts every notice, from the count rows: all sent.
            Assert.Equal((count, count, 0), (page.GetProperty("noticeCounts").GetProperty("total").GetInt32(),
                page.GetProperty("noticeCounts").GetProperty("sent").GetInt32(), page.GetProperty("noticeCounts").GetProperty("pending").GetInt32()));
            paged.AddRange(page.GetProperty("notices").EnumerateArray());
            after = NoticePaging.Next(page);
            pages++;
        }
        while (after is not null && pages <= count);

        Assert.Equal(count, pages);
        Assert.Equal(NoticePaging.Ids(whole), paged.Select(n => $"{n.GetProperty("noticeId").GetString()} {n.GetProperty("email").GetString()}"));
        Assert.All(paged, n => Assert.Equal("Sent", n.GetProperty("status").GetString()));
        Assert.Null(NoticePaging.Next(whole));
    }

    [Theory]
    [InlineData("noticeLimit=0", "noticeLimit")]
    [InlineData("noticeLimit=2000", "noticeLimit")]
    [InlineData("noticeLimit=1.5", "noticeLimit")]
    [InlineData("noticesAfter=N00001", "noticesAfter")]
    [InlineData("noticesAfter=p2-n00003", "noticesAfter")]
    public async Task ABadPageParameter_IsA400NamingIt(string query, string field)
    {
        await using var app = await TestApp.StartAsync(azurite, time: new FakeTimeProvider(Start));
        var id = await RecordAsync(app);

        await NoticePaging.AssertBadRequestAsync(app, $"{Path}/{id}?{query}", field, Ct);
    }

    private static async Task<string> RecordAsync(TestApp app)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, Path, new
        {
            kind = "supervisory-inquiry",
            customers = Customers,
            receivedAt = Start.AddHours(-1),
            summary = "Inquiry into the shared talent pool",
            authority = "Example Data Protection Authority",
        }), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> WaitUntilAllSentAsync(TestApp app, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var matter = await NoticePaging.GetAsync(app, $"{Path}/{id}", Ct);
            var notices = matter.GetProperty("notices").EnumerateArray().ToList();
            if ((notices.Count > 0 && notices.All(n => n.GetProperty("status").GetString() == "Sent")) || DateTime.UtcNow > deadline)
            {
                return matter;
            }

            await Task.Delay(200, Ct);
        }
    }
}
