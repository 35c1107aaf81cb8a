using System.Globalization;
using Azure.Data.Tables;
using BreachNotify.Functions.OtherNotices;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.OtherNotices;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.OtherNotices;

/// <summary>
/// The customers' register rows of a matter (a partition per customer) against Azurite: a step writes only the rows whose
/// content it changed, none goes back to an older version, and a step after rows that were not all written writes them all.
/// </summary>
public sealed class MatterRegisterRowsTests(AzuriteFixture azurite)
{
    private const int Customers = 120;
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task StepChangingOneCustomersAnswer_WritesThatCustomersRowAlone_WithItsAnswer()
    {
        await using var app = await StartAsync();
        var store = app.Services.GetRequiredService<MatterStore>();
        var received = await CommitAsync(store, null, Received("m-rows-1"));
        var approved = await CommitAsync(store, received, Approved());
        var before = await RowsAsync(app, "m-rows-1");
        Assert.Equal(Customers, before.Count);
        Assert.All(before.Values, r => Assert.Equal(nameof(MatterStatus.Approved), JsonColumns.Read<MatterRegisterEntry>(r).Status));

        await CommitAsync(store, approved, new MatterAcknowledged(At.AddHours(1), "contact:Fay", "c042", AcknowledgementBasis.Acknowledged));

        var after = await RowsAsync(app, "m-rows-1");
        var answered = JsonColumns.Read<MatterRegisterEntry>(after["c042"]);
        Assert.Equal("acknowledged", answered.Answer);
        Assert.Equal(At.AddHours(1), answered.AnsweredAt);
        Assert.Equal(nameof(MatterStatus.Approved), answered.Status);
        Assert.Equal(3, after["c042"].GetInt32("Version"));
        Assert.NotEqual(before["c042"].ETag, after["c042"].ETag);
        var untouched = before.Keys.Where(k => k != "c042").ToList();
        Assert.Equal(Customers - 1, untouched.Count);
        Assert.All(untouched, k =>
        {
            Assert.Equal(before[k].ETag, after[k].ETag);
            Assert.Equal(before[k].Timestamp, after[k].Timestamp);
        });
    }

    [Fact]
    public async Task StatusStep_WritesEveryCustomersRow_AndALateWriteOfAnOlderStepTakesNoRowBack()
    {
        await using var app = await StartAsync();
        var store = app.Services.GetRequiredService<MatterStore>();
        var received = await CommitAsync(store, null, Received("m-rows-2"));
        var approved = await CommitAsync(store, received, Approved());
        var acknowledged = await CommitAsync(store, approved, new MatterAcknowledged(At.AddHours(1), "contact:Fay", "c007", AcknowledgementBasis.Acknowledged));
        var settled = await RowsAsync(app, "m-rows-2");

        // A slow writer of the approval's rows arriving after the acknowledgement's (and one that knows no earlier state).
        await store.RefreshRowsAsync(approved.State, TestContext.Current.CancellationToken);
        await store.RefreshRowsAsync(received.State, TestContext.Current.CancellationToken);

        var rows = await RowsAsync(app, "m-rows-2");
        Assert.Equal(Customers, rows.Count);
        Assert.All(rows, r => Assert.Equal(settled[r.Key].ETag, r.Value.ETag));
        Assert.All(rows.Values, r => Assert.Equal(nameof(MatterStatus.Approved), JsonColumns.Read<MatterRegisterEntry>(r).Status));
        Assert.Equal("acknowledged", JsonColumns.Read<MatterRegisterEntry>(rows["c007"]).Answer);
        Assert.Equal(nameof(MatterStatus.Approved), Assert.Single(await store.ListAsync(10, TestContext.Current.CancellationToken)).Status);
        Assert.Equal(3, acknowledged.State.Version);
    }

    [Fact]
    public async Task StepAfterAStepWhoseRowsWereNotWritten_WritesEveryCustomersRow()
    {
        await using var app = await StartAsync();
        var store = app.Services.GetRequiredService<MatterStore>();
        var ct = TestContext.Current.CancellationToken;
        var received = await CommitAsync(store, null, Received("m-rows-3"));

        // The approval committed, then a crash before its rows: the rows still say AwaitingDecision.
        var approvedState = received.State.Apply(Approved());
        Assert.True(await store.Table.CommitAsync(approvedState.Id, received.ETag, received.State.Version, approvedState, [Approved()], Columns(approvedState), ct));
        var approved = (await store.LoadAsync("m-rows-3", ct))!;
        Assert.All((await RowsAsync(app, "m-rows-3")).Values, r => Assert.Equal(nameof(MatterStatus.AwaitingDecision), JsonColumns.Read<MatterRegisterEntry>(r).Status));

        // The next step changes one customer's answer only, yet every row catches up with the approval.
        await CommitAsync(store, approved, new MatterAcknowledged(At.AddHours(1), "contact:Fay", "c100", AcknowledgementBasis.Acknowledged));

        var rows = await RowsAsync(app, "m-rows-3");
        Assert.Equal(Customers, rows.Count);
        Assert.All(rows.Values, r => Assert.Equal(nameof(MatterStatus.Approved), JsonColumns.Read<MatterRegisterEntry>(r).Status));
        Assert.All(rows.Values, r => Assert.True(JsonColumns.Read<MatterRegisterEntry>(r).Sending));
        Assert.Equal("acknowledged", JsonColumns.Read<MatterRegisterEntry>(rows["c100"]).Answer);
        Assert.Single(rows.Values, r => JsonColumns.Read<MatterRegisterEntry>(r).Answer is not null);
    }

    private Task<TestApp> StartAsync() => TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");

    private static MatterReceived Received(string id) => new(
        At, "commander:test",
        new OtherMatter { Kind = OtherNoticeKind.LawEnforcementRequest, Customers = [.. CustomerIds()], ReceivedAt = At.AddHours(-1), Summary = id },
        [.. CustomerIds().Select((c, i) => new MatterCustomer(c, At.AddHours(24 + (i % 3))))]);

    private static MatterApproved Approved() => new(At.AddMinutes(5), "commander:test", null, [], Held: false);

    private static IEnumerable<string> CustomerIds() => Enumerable.Range(0, Customers).Select(i => "c" + i.ToString("D3", CultureInfo.InvariantCulture));

    /// <summary>Commits one event after <paramref name="current"/> (a new matter when null) and reads the matter back.</summary>
    private static async Task<StoredMatter> CommitAsync(MatterStore store, StoredMatter? current, MatterEvent e)
    {
        var ct = TestContext.Current.CancellationToken;
        var id = current?.State.Id ?? ((MatterReceived)e).Matter.Summary;
        var next = (current?.State ?? MatterState.Empty(id)).Apply(e);
        Assert.True(await store.CommitAsync(current, next, [e], ct));
        return (await store.LoadAsync(id, ct))!;
    }

    private static Dictionary<string, object?> Columns(MatterState state) => new()
    {
        ["Status"] = state.Status.ToString(),
        ["Kind"] = state.Matter?.Kind.ToString(),
        ["Version"] = state.Version,
        ["UpdatedAt"] = At,
    };

    /// <summary>Each customer's register row of the matter, by customer id (a point read in each customer's partition).</summary>
    private static async Task<Dictionary<string, TableEntity>> RowsAsync(TestApp app, string matterId)
    {
        var table = app.Services.GetRequiredService<StorageClients>().Matters;
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        foreach (var customer in CustomerIds())
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"customer|" + customer}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: TestContext.Current.CancellationToken))
            {
                if (row.RowKey.EndsWith("|" + matterId, StringComparison.Ordinal))
                {
                    rows.Add(customer, row);
                }
            }
        }

        return rows;
    }
}
