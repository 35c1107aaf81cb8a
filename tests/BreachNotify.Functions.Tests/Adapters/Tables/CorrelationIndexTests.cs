using Azure.Data.Tables;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.Adapters.Tables;

/// <summary>The correlation index: a partition per asset, point reads and writes only.</summary>
public sealed class CorrelationIndexTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset January = new(2026, 1, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Add_KeepsEachAssetInAPartitionOfItsOwn_AndFindReturnsTheLatestIncidentInTheWindow()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var index = app.Services.GetRequiredService<CorrelationIndex>();
        await index.AddAsync("inc-a", ["share-1", "share-2", "share-1"], January, ct);
        await index.AddAsync("inc-b", ["share-2"], January.AddMinutes(5), ct);

        Assert.Equal("inc-b", await index.FindAsync(["share-1", "share-2"], January, ct));
        Assert.Equal("inc-a", await index.FindAsync(["share-1"], January, ct));
        Assert.Null(await index.FindAsync(["share-1"], January.AddMinutes(1), ct));

        var table = app.Services.GetRequiredService<StorageClients>().Incidents;
        foreach (var asset in new[] { "share-1", "share-2" })
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>($"asset|{asset}", $"asset|{asset}", cancellationToken: ct);
            Assert.True(row.HasValue);
        }
    }
}
