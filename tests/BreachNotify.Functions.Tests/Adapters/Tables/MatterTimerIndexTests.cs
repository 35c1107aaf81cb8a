using Azure.Data.Tables;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Adapters.Tables;

/// <summary>
/// A matter's timer lives in the ten-minute bucket of its due time with a pointer in the matter's partition, against Azurite:
/// moving it leaves one bucket row, what is due is read from the due buckets only, oldest first, and a row a crash left behind
/// is dropped instead of returned.
/// </summary>
public sealed class MatterTimerIndexTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 9, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Set_MovesTheTimerToItsNewBucket_LeavingOneRow_AndNullRemovesIt()
    {
        var (table, index) = await IndexAsync();

        await index.SetAsync("spc-1", Noon.AddMinutes(5), Ct);
        await index.SetAsync("spc-1", Noon.AddDays(2), Ct);

        Assert.Equal(["timers|202603111200"], await BucketsOfAsync(table, "spc-1"));
        Assert.Equal(Noon.AddDays(2), await index.DueAtAsync("spc-1", Ct));
        Assert.Empty(await index.DueAsync(Noon.AddDays(1), 100, Ct));
        Assert.Equal(["spc-1"], await index.DueAsync(Noon.AddDays(2), 100, Ct));

        await index.SetAsync("spc-1", null, Ct);

        Assert.Empty(await BucketsOfAsync(table, "spc-1"));
        Assert.Null(await index.DueAtAsync("spc-1", Ct));
        Assert.Empty(await index.DueAsync(Noon.AddYears(1), 100, Ct));
    }

    [Fact]
    public async Task Due_ReadsTheBucketsUpToNowOldestFirst_AtMostMax_AndNotWhatIsDueLaterInNowsBucket()
    {
        var (_, index) = await IndexAsync();
        await index.SetAsync("spc-late", Noon.AddMinutes(8), Ct); // now's bucket, but after now
        await index.SetAsync("spc-b", Noon.AddHours(-1), Ct);
        await index.SetAsync("spc-a", Noon.AddDays(-3), Ct);
        await index.SetAsync("spc-c", Noon, Ct);
        await index.SetAsync("spc-next-year", Noon.AddYears(1), Ct);

        Assert.Equal(["spc-a", "spc-b", "spc-c"], await index.DueAsync(Noon.AddMinutes(1), 100, Ct));
        Assert.Equal(["spc-a", "spc-b"], await index.DueAsync(Noon.AddMinutes(1), 2, Ct));
    }

    [Fact]
    public async Task Due_DropsABucketRowThePointerDoesNotName_AsACrashMidMoveLeavesIt()
    {
        var (table, index) = await IndexAsync();
        await index.SetAsync("spc-1", Noon.AddDays(1), Ct);
        // What a crash between the new bucket row and the old one's delete leaves: the old row, no longer pointed at.
        await table.UpsertEntityAsync(new TableEntity(index.Bucket(Noon.AddHours(-2)), "spc-1") { ["DueAt"] = Noon.AddHours(-2) }, cancellationToken: Ct);

        Assert.Empty(await index.DueAsync(Noon, 100, Ct));

        Assert.Equal([index.Bucket(Noon.AddDays(1))], await BucketsOfAsync(table, "spc-1"));
        Assert.Equal(["spc-1"], await index.DueAsync(Noon.AddDays(1), 100, Ct));
    }

    [Fact]
    public async Task SetNoLaterThan_MovesOnlyEarlier()
    {
        var (_, index) = await IndexAsync();
        await index.SetAsync("spc-1", Noon.AddDays(1), Ct);

        await index.SetNoLaterThanAsync("spc-1", Noon.AddDays(5), Ct);
        Assert.Equal(Noon.AddDays(1), await index.DueAtAsync("spc-1", Ct));

        await index.SetNoLaterThanAsync("spc-1", Noon.AddHours(1), Ct);
        Assert.Equal(Noon.AddHours(1), await index.DueAtAsync("spc-1", Ct));
        await index.SetNoLaterThanAsync("spc-2", Noon.AddHours(3), Ct);
        Assert.Equal(["spc-1", "spc-2"], await index.DueAsync(Noon.AddHours(3), 100, Ct));
    }

    [Fact]
    public async Task TimersWithAPayload_SeveralPerMatter_KeepTheirPayloadWhenMoved_AndMoveIfSetLeavesAnUnsetOneUnset()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient($"{azurite.NewPrefix()}work");
        await table.CreateIfNotExistsAsync(Ct);
        var work = new MatterTimerIndex(table, "work", key => (key[..key.IndexOf('|', StringComparison.Ordinal)], $"work|{key}"));

        await work.SetAsync("spc-1|FanOut|00000002", Noon, new Dictionary<string, object?> { ["Kind"] = "FanOut" }, Ct);
        await work.SetAsync("spc-1|ChangeAlert|00000003", Noon.AddMinutes(30), new Dictionary<string, object?> { ["Kind"] = "ChangeAlert" }, Ct);
        await work.MoveIfSetAsync("spc-1|FanOut|00000002", Noon.AddHours(1), Ct);
        await work.MoveIfSetAsync("spc-1|Withdrawal|00000004", Noon, Ct);

        var due = await work.DuePointersAsync(Noon.AddHours(1), 100, Ct);
        Assert.Equal(["spc-1|ChangeAlert|00000003", "spc-1|FanOut|00000002"], due.Select(d => d.Key));
        Assert.Equal(["ChangeAlert", "FanOut"], due.Select(d => d.Pointer.GetString("Kind")));
        Assert.All(due, d => Assert.Equal("spc-1", d.Pointer.PartitionKey));
        Assert.Null(await work.DueAtAsync("spc-1|Withdrawal|00000004", Ct));
        Assert.Empty(await work.DueAsync(Noon.AddMinutes(10), 100, Ct));
    }

    private async Task<(TableClient Table, MatterTimerIndex Index)> IndexAsync()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient($"{azurite.NewPrefix()}timers");
        await table.CreateIfNotExistsAsync(Ct);
        return (table, new MatterTimerIndex(table, "timers"));
    }

    /// <summary>Every bucket holding a row of <paramref name="id"/> (the test reads across the index; the code never does).</summary>
    private static async Task<List<string>> BucketsOfAsync(TableClient table, string id)
    {
        var buckets = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {"timers|"} and PartitionKey lt {"timers}"} and RowKey eq {id}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: Ct))
        {
            buckets.Add(row.PartitionKey);
        }

        return buckets;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
