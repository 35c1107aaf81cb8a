using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.SubprocessorChanges;

/// <summary>
/// <c>GET /api/subprocessor-changes/{id}</c> returns its notices a page at a time, as the incident read does (on the sample
/// directory: four frozen recipients).
/// </summary>
public sealed class ChangeNoticePagingTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PagesOfThree_ListEachOfTheFourNoticesOnce_InOrder_WithTheirRowsStatus()
    {
        await using var app = await TestApp.StartAsync(azurite, time: new FakeTimeProvider(Start));
        var id = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 60), Ct);
        await app.WaitForMailsAsync(m => m.Subject.Contains(id, StringComparison.Ordinal), count: 4);
        var whole = await WaitUntilAllSentAsync(app, id);

        var pages = new List<List<JsonElement>>();
        var counts = new List<JsonElement> { whole.GetProperty("noticeCounts") };
        string? after = null;
        do
        {
            var page = await NoticePaging.GetAsync(app, $"{ChangeApi.Path}/{id}?noticeLimit=3" + (after is null ? "" : $"&noticesAfter={after}"), Ct);
            pages.Add([.. page.GetProperty("notices").EnumerateArray()]);
            counts.Add(page.GetProperty("noticeCounts"));
            after = NoticePaging.Next(page);
        }
        while (after is not null && pages.Count < 5);

        Assert.Equal([3, 1], pages.Select(p => p.Count));
        var paged = pages.SelectMany(p => p).ToList();
        Assert.Equal(NoticePaging.Ids(whole), paged.Select(n => $"{n.GetProperty("noticeId").GetString()} {n.GetProperty("email").GetString()}"));
        // Each page's entries are its own rows (sent), not defaults for rows it did not read.
        Assert.All(paged, n => Assert.Equal("Sent", n.GetProperty("status").GetString()));
        Assert.Null(NoticePaging.Next(whole));
        // Every page counts every notice (the paged ones from the count rows, the whole one from its rows).
        Assert.All(counts, c => Assert.Equal((4, 4, 0, 0), (c.GetProperty("total").GetInt32(), c.GetProperty("sent").GetInt32(), c.GetProperty("pending").GetInt32(), c.GetProperty("failed").GetInt32())));
    }

    [Theory]
    [InlineData("noticeLimit=0", "noticeLimit")]
    [InlineData("noticeLimit=1001", "noticeLimit")]
    [InlineData("noticeLimit=-1", "noticeLimit")]
    [InlineData("noticesAfter=n%7Cx", "noticesAfter")]
    [InlineData("noticesAfter=p1-n00000", "noticesAfter")]
    [InlineData("noticesAfter=x00001", "noticesAfter")]
    public async Task ABadPageParameter_IsA400NamingIt(string query, string field)
    {
        await using var app = await TestApp.StartAsync(azurite, time: new FakeTimeProvider(Start));
        var id = await ChangeApi.AnnounceAsync(app, ChangeApi.Change(Start, 60), Ct);

        await NoticePaging.AssertBadRequestAsync(app, $"{ChangeApi.Path}/{id}?{query}", field, Ct);
    }

    private static async Task<JsonElement> WaitUntilAllSentAsync(TestApp app, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var change = await ChangeApi.ReadAsync(app, id, Ct);
            var notices = change.GetProperty("notices").EnumerateArray().ToList();
            if ((notices.Count > 0 && notices.All(n => n.GetProperty("status").GetString() == "Sent")) || DateTime.UtcNow > deadline)
            {
                Assert.Equal(4, notices.Count);
                return change;
            }

            await Task.Delay(200, Ct);
        }
    }
}
