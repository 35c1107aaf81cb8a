using Azure.Data.Tables;
using BreachNotify.Detections;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using BreachNotify.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.Adapters.Tables;

/// <summary>
/// The outbox sweep finds its work through the pending-work index (a partition per ten-minute bucket), never by
/// scanning the incidents; the index is written before what it points at and empties itself as the work completes.
/// </summary>
public sealed class PendingWorkIndexTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 9, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Bucket_IsTheTenMinutesOfTheDueTime_ButNeverBeforeTheWritersPresent()
    {
        Assert.Equal("pending|202603091210", PendingWorkIndex.Bucket(Noon.AddMinutes(19).AddSeconds(59), Noon));
        Assert.Equal("pending|202603091200", PendingWorkIndex.Bucket(Noon.AddSeconds(1), Noon));
        // Work already overdue goes into the present's bucket, which the sweep has not passed yet.
        Assert.Equal("pending|202603091200", PendingWorkIndex.Bucket(Noon.AddDays(-3), Noon.AddMinutes(9)));
    }

    [Fact]
    public async Task Sweep_PastEveryDueTime_LeavesExactlyTheOutboxRowsStillPendingIndexed()
    {
        var time = new FakeTimeProvider(Noon);
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        var ct = TestContext.Current.CancellationToken;
        var incidentId = await CreateAsync(app, "index-1");
        Assert.Equal([RowKeys.State(incidentId)], await IndexedAsync(app, ct)); // the unfiled creation

        // Classifying completes the creation's timer and files the rest as outbox rows, each indexed first.
        await app.ClassifyByHandAsync(incidentId);
        var outbox = app.Services.GetRequiredService<OutboxStore>();
        var pending = (await outbox.PendingAsync(incidentId, ct)).Select(e => e.RowKey).ToList();
        Assert.NotEmpty(pending);
        Assert.Subset((await IndexedAsync(app, ct)).ToHashSet(), pending.ToHashSet());

        // Past every due time the sweep drops the rows whose target is gone (the filed creation, the completed timer)
        // and keeps one row for each outbox row still there, at its postponed time.
        time.Advance(TimeSpan.FromDays(40));
        await app.Services.GetRequiredService<OutboxSweeper>().SweepAsync(ct);

        Assert.Equal((await outbox.PendingAsync(incidentId, ct)).Select(e => e.RowKey).Order(), (await IndexedAsync(app, ct)).Order());
    }

    [Fact]
    public async Task Sweep_IgnoresAnOutboxRowNobodyIndexed_BecauseItNeverScansIncidents()
    {
        var time = new FakeTimeProvider(Noon);
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        var ct = TestContext.Current.CancellationToken;
        var clients = app.Services.GetRequiredService<StorageClients>();
        var row = new TableEntity("inc-unindexed", RowKeys.Outbox("inc-unindexed", 1, 0)) { ["RedispatchAt"] = Noon.AddMinutes(-5) };
        JsonColumns.Write<WorkflowCommand>(row, new NotifyCommanders(["ic-primary"], 1));
        await clients.Incidents.AddEntityAsync(row, ct);

        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(0, await app.Services.GetRequiredService<OutboxSweeper>().SweepAsync(ct));
        Assert.Null((await clients.WorkflowQueue.ReceiveMessageAsync(cancellationToken: ct)).Value);
    }

    [Fact]
    public async Task Sweep_AnIndexRowWhoseWriteNeverCommitted_IsDroppedWithoutADispatch()
    {
        var time = new FakeTimeProvider(Noon);
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        var ct = TestContext.Current.CancellationToken;
        var index = app.Services.GetRequiredService<PendingWorkIndex>();
        // What a crash between the index write and the commit leaves: an outbox index row and a creation index row, no targets.
        await index.AddAsync(
            [new PendingWork("inc-lost", RowKeys.Outbox("inc-lost", 3, 0), Noon.AddSeconds(10)), new PendingWork("inc-lost", RowKeys.State("inc-lost"), Noon.AddSeconds(10))],
            Noon, ct);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, await app.Services.GetRequiredService<OutboxSweeper>().SweepAsync(ct));
        Assert.Empty(await IndexedAsync(app, ct));
        Assert.Null((await app.Services.GetRequiredService<StorageClients>().WorkflowQueue.ReceiveMessageAsync(cancellationToken: ct)).Value);
    }

    [Fact]
    public async Task Sweep_WorkDueLater_StaysIndexedAndIsNotDispatchedEarly()
    {
        var time = new FakeTimeProvider(Noon);
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        var ct = TestContext.Current.CancellationToken;
        var sweeper = app.Services.GetRequiredService<OutboxSweeper>();
        await CreateAsync(app, "index-4");
        var queue = app.Services.GetRequiredService<StorageClients>().WorkflowQueue;
        await queue.ClearMessagesAsync(ct); // the creation's dispatch was lost

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await sweeper.SweepAsync(ct));
        Assert.Single(await IndexedAsync(app, ct));

        time.Advance(TimeSpan.FromMinutes(30)); // past the classification timer's due time and grace, three buckets on
        Assert.Equal(1, await sweeper.SweepAsync(ct));
        Assert.NotNull((await queue.ReceiveMessageAsync(cancellationToken: ct)).Value);
        // The creation's index row went with the filing; the timer's row was moved to its postponed time.
        Assert.Single(await IndexedAsync(app, ct));
    }

    private static async Task<string> CreateAsync(TestApp app, string sourceId)
    {
        var detection = new NormalizedDetection
        {
            Source = "siem",
            Format = DetectionFormats.Generic,
            SourceId = sourceId,
            Title = "Bulk download from the CRM database",
            Severity = DetectionSeverity.High,
            Categories = ["Exfiltration"],
            AssetRefs = ["crm-db-prod"],
        };
        var incidentId = IncidentId.For(detection.Source, detection.SourceId);
        await app.Services.GetRequiredService<IncidentWorkflow>().HandleAsync(incidentId, new DetectionArrived(detection), TestContext.Current.CancellationToken, assumeNew: true);
        return incidentId;
    }

    /// <summary>The target keys of every row of the index, in all its buckets.</summary>
    private static async Task<List<string>> IndexedAsync(TestApp app, CancellationToken ct)
    {
        var keys = new List<string>();
        await foreach (var row in app.Services.GetRequiredService<StorageClients>().PendingWork.QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: ct))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }
}
