using System.Text.Json;
using Azure.Data.Tables;
using BreachNotify.Detections;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using BreachNotify.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.Adapters.Tables;

/// <summary>
/// A new incident is one state row carrying its creating step (<see cref="UnfiledStep"/>); the next write files that
/// step as history and outbox rows, and the sweep files it when nothing writes the incident in time.
/// </summary>
public sealed class IncidentStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Classification_FilesTheCreatingStepAtItsSequences_SoTheHistoryReplaysToTheState()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var incidentId = await CreateAsync(app, Detection("store-1"));
        Assert.Equal(["state"], await RowKindsAsync(app, incidentId));

        await app.ClassifyByHandAsync(incidentId);

        var store = app.Services.GetRequiredService<IncidentStore>();
        var stored = (await store.LoadAsync(incidentId, ct))!;
        var history = await store.HistoryAsync(stored, ct);
        Assert.Null(stored.Unfiled);
        Assert.NotEqual(IncidentStatus.Received, stored.State.Status);
        Assert.IsType<DetectionRecorded>(history[0]);
        Assert.IsType<IncidentClassified>(history[1]);
        Assert.Equal(stored.State.Version, history.Count);
        Assert.Equal(Json(stored.State), Json(IncidentState.Replay(incidentId, history)));

        // The classification timer was filed as a row in the classifying transaction, then completed by the worker.
        Assert.DoesNotContain(await app.Services.GetRequiredService<OutboxStore>().PendingAsync(incidentId, ct),
            e => e.Command is ScheduleTimer { Timer: TimerKind.Classification });
    }

    [Fact]
    public async Task Sweep_AfterTheDispatchWasLost_FilesTheCreationAndResendsItsTimer_SoTheIncidentIsClassified()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        var ct = TestContext.Current.CancellationToken;
        var incidentId = await CreateAsync(app, Detection("store-2"));
        var queue = app.Services.GetRequiredService<StorageClients>().WorkflowQueue;
        await queue.ClearMessagesAsync(ct); // what a crash between the write and the queue send leaves
        var sweeper = app.Services.GetRequiredService<OutboxSweeper>();
        var store = app.Services.GetRequiredService<IncidentStore>();

        Assert.Equal(0, await sweeper.SweepAsync(ct));
        Assert.NotNull((await store.LoadAsync(incidentId, ct))!.Unfiled);

        time.Advance(TimeSpan.FromSeconds(11)); // past Workflow:RedispatchAfterSeconds (10 in TestApp)
        Assert.Equal(1, await sweeper.SweepAsync(ct));

        Assert.Null((await store.LoadAsync(incidentId, ct))!.Unfiled);
        Assert.Equal(["h", "o", "state"], await RowKindsAsync(app, incidentId));
        var message = (await queue.ReceiveMessageAsync(cancellationToken: ct)).Value;
        Assert.NotNull(message);
        await app.Services.GetRequiredService<WorkItemProcessor>().ProcessAsync(message.MessageId, message.Body.ToString(), 1, ct);
        var stored = (await store.LoadAsync(incidentId, ct))!;
        Assert.Equal(IncidentStatus.AwaitingDecision, stored.State.Status);
        Assert.Equal(stored.State.Version, (await store.HistoryAsync(stored, ct)).Count);
    }

    [Fact]
    public async Task FilingWithAStaleRead_IsRefused_AndWritesNoRowTwice()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var incidentId = await CreateAsync(app, Detection("store-3"));
        var store = app.Services.GetRequiredService<IncidentStore>();
        var first = (await store.LoadAsync(incidentId, ct))!;
        var second = (await store.LoadAsync(incidentId, ct))!;

        Assert.True(await store.CommitAsync(first, first.State, [], [], ct));
        Assert.False(await store.CommitAsync(second, second.State, [], [], ct));

        Assert.Equal(["h", "o", "state"], await RowKindsAsync(app, incidentId));
    }

    [Fact]
    public async Task CreationTooLargeForOneRow_IsATransactionOfStateHistoryAndOutboxRows()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        // The state keeps only a summary of the detection; its event alone, even gzipped (random text hardly
        // compresses), is over what one creating row may carry.
        var large = Detection("store-4") with { Description = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(450_000)) };

        var incidentId = await CreateAsync(app, large);

        var store = app.Services.GetRequiredService<IncidentStore>();
        var stored = (await store.LoadAsync(incidentId, ct))!;
        Assert.Null(stored.Unfiled);
        Assert.Equal(["h", "o", "state"], await RowKindsAsync(app, incidentId));
        Assert.Equal(large.Description, Assert.IsType<DetectionRecorded>(Assert.Single(await store.HistoryAsync(stored, ct))).Detection.Description);
    }

    private static NormalizedDetection Detection(string sourceId) => new()
    {
        Source = "siem",
        Format = DetectionFormats.Generic,
        SourceId = sourceId,
        Title = "Bulk download from the CRM database",
        Severity = DetectionSeverity.High,
        Categories = ["Exfiltration"],
        AssetRefs = ["crm-db-prod"],
    };

    private static async Task<string> CreateAsync(TestApp app, NormalizedDetection detection)
    {
        var incidentId = IncidentId.For(detection.Source, detection.SourceId);
        await app.Services.GetRequiredService<IncidentWorkflow>().HandleAsync(incidentId, new DetectionArrived(detection), TestContext.Current.CancellationToken, assumeNew: true);
        return incidentId;
    }

    private async Task<List<string>> RowKindsAsync(TestApp app, string incidentId)
    {
        var table = new TableClient(azurite.ConnectionString, StorageNames.WithPrefix(app.Prefix).Incidents);
        var kinds = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == incidentId, select: ["RowKey"], cancellationToken: TestContext.Current.CancellationToken))
        {
            kinds.Add(row.RowKey.Split('|')[0]);
        }

        return [.. kinds.Distinct().Order()];
    }

    private static string Json(IncidentState state) => JsonSerializer.Serialize(state, BreachNotify.DomainJson.Options);
}
