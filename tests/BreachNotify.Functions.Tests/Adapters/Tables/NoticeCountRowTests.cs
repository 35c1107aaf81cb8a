using Azure.Data.Tables;
using BreachNotify.Functions.Incidents;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using BreachNotify.Notices;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.Adapters.Tables;

/// <summary>
/// The notices' count rows (<see cref="NoticeCountRows"/>) against Azurite: written by the store's own transactions, so
/// the counts they give are the counts of the rows themselves, after creation, sends, failures, acknowledgements,
/// delivery events and bounces, after a split transaction that failed half-way, and with writers of one slice at once.
/// </summary>
public sealed class NoticeCountRowTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now.AddDays(30);
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(30);
    private static readonly AttemptOutcome Accepted = new(true, false, false, null);

    [Fact]
    public async Task NoticesCreatedSentFailedAcknowledgedDeliveredAndBounced_AreCountedByTheirCountRowsAsByTheirRows_OneRowPerHundred()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var store = app.Services.GetRequiredService<NoticeStore>();
        var partition = Partition();
        Assert.True(await store.MarkCountedAsync(partition, ct));

        // Storage batches of 100, 100 and 50, created claimed as a send item creates them (a full one needs two transactions).
        var batches = new[] { Claimed(partition, 0, 100), Claimed(partition, 100, 100), Claimed(partition, 200, 50) };
        foreach (var batch in batches)
        {
            Assert.True(await store.TryAddAsync(batch, ct));
        }

        var created = await NoticeCountCheck.AssertCountRowsMatchRowsAsync(store, partition);
        Assert.Equal(new NoticeCounts(250, 250, 0, 0, 0, 0, 0), created);

        // The first batch sent at once; of the second 90 sent and 10 refused for good; the third handed back to be tried again.
        Assert.True(await store.TryUpdateAsync(batches[0], r => r.Lifecycle.RecordAttempt(r.Attempts, Accepted, Now, GiveUp), ct));
        Assert.True(await store.TryUpdateAsync(
            batches[1], r => r.Lifecycle.RecordAttempt(r.Attempts, NoticeId.IndexOf(r.NoticeId) < 190 ? Accepted : new AttemptOutcome(false, false, false, "550 refused"), Now, GiveUp), ct));
        Assert.True(await store.TryUpdateAsync(batches[2], r => r.Lifecycle.RecordAttempt(r.Attempts, new AttemptOutcome(false, false, true, "503"), Now, GiveUp), ct));

        // Then one notice at a time, as the link page and SendGrid's events move them.
        await store.UpdateAsync(partition, NoticeId.For(3), n => n.Acknowledge("Dana", null, null, Now.AddMinutes(5)), ct);
        await store.UpdateAsync(partition, NoticeId.For(150), n => n.Acknowledge("Dana", null, null, Now.AddMinutes(5)), ct);
        await store.UpdateAsync(partition, NoticeId.For(4), n => n.ApplyDeliveryEvent(new DeliveryReport(DeliveryEventKind.Delivered, Now.AddMinutes(1)), Now.AddMinutes(1), GiveUp), ct);
        await store.UpdateAsync(partition, NoticeId.For(3), n => n.ApplyDeliveryEvent(new DeliveryReport(DeliveryEventKind.Delivered, Now.AddMinutes(1)), Now.AddMinutes(6), GiveUp), ct);
        await store.UpdateAsync(partition, NoticeId.For(6), n => n.ApplyDeliveryEvent(new DeliveryReport(DeliveryEventKind.Bounce, Now.AddMinutes(2), "550 unknown", "bounce"), Now.AddMinutes(2), GiveUp), ct);
        // A reminder changes nothing the counts see.
        await store.UpdateAsync(partition, NoticeId.For(7), n => n.RecordReminder(0, "h2", Expiry), ct);

        var moved = await NoticeCountCheck.AssertCountRowsMatchRowsAsync(store, partition);
        Assert.Equal(new NoticeCounts(Total: 250, Pending: 50, Sent: 190, Failed: 11, Acknowledged: 2, Delivered: 2, Bounced: 1), moved);
        Assert.Equal(moved, await app.Services.GetRequiredService<IncidentReader>().NoticeCountsAsync(partition, ct));
        Assert.Equal(3, await CountRowsAsync(app, partition));
    }

    [Fact]
    public async Task AHundredNoticesSentWhoseSecondTransactionMeetsAConflict_KeepTheFirstWritten_AndTheCountRowsStillAgree()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var store = app.Services.GetRequiredService<NoticeStore>();
        var partition = Partition();
        Assert.True(await store.MarkCountedAsync(partition, ct));
        Assert.True(await store.TryAddAsync(Claimed(partition, 0, 100), ct));
        var read = await store.RangeAsync(partition, 0, 100, ct);
        // The last notice (in the second of the two transactions a batch of 100 and its count row need) moves meanwhile.
        await store.UpdateAsync(partition, NoticeId.For(99), n => n.RecordAttempt(n.Attempts, Accepted, Now, GiveUp), ct);

        var written = await store.TryUpdateAsync(read, r => r.Lifecycle.RecordAttempt(r.Attempts, Accepted, Now.AddSeconds(1), GiveUp), ct);

        Assert.False(written);
        var stored = await store.RangeAsync(partition, 0, 100, ct);
        Assert.All(stored, r => Assert.Equal(NoticeStatus.Sent, r.State));
        Assert.Equal(stored.Take(99).Select(r => r.ETag), read.Take(99).Select(r => r.ETag));
        Assert.Equal(NoticeStatus.Sending, read[99].State);
        Assert.Equal(new NoticeCounts(100, 0, 100, 0, 0, 0, 0), await NoticeCountCheck.AssertCountRowsMatchRowsAsync(store, partition));
    }

    [Fact]
    public async Task WritersOfDifferentNoticesOfOneSlice_AllAtOnce_NeverConflictOverItsCountRow()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var store = app.Services.GetRequiredService<NoticeStore>();
        var partition = Partition();
        Assert.True(await store.MarkCountedAsync(partition, ct));
        var rows = Claimed(partition, 0, 100);
        Assert.True(await store.TryAddAsync(rows, ct));
        Assert.True(await store.TryUpdateAsync(rows, r => r.Lifecycle.RecordAttempt(r.Attempts, Accepted, Now, GiveUp), ct));
        var calls = 0;

        // Half acknowledged, half delivered, every one at once: each transition decided once (no 412 made it read again).
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(
            () => store.UpdateAsync(partition, NoticeId.For(i), n =>
            {
                Interlocked.Increment(ref calls);
                return i < 50
                    ? n.Acknowledge("Dana", null, null, Now.AddMinutes(1))
                    : n.ApplyDeliveryEvent(new DeliveryReport(DeliveryEventKind.Delivered, Now.AddMinutes(1)), Now.AddMinutes(1), GiveUp);
            }, ct),
            ct)));

        Assert.Equal(100, calls);
        Assert.Equal(new NoticeCounts(100, 0, 100, 0, 50, 50, 0), await NoticeCountCheck.AssertCountRowsMatchRowsAsync(store, partition));
    }

    [Fact]
    public async Task AMatterWhoseRowsPredateCountRows_IsNotMarked_AndIsCountedFromItsRows()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var store = app.Services.GetRequiredService<NoticeStore>();
        var partition = Partition();
        // Rows as a version without count rows wrote them: the notice rows alone.
        var table = app.Services.GetRequiredService<StorageClients>().Incidents;
        var rows = Claimed(partition, 0, 3);
        rows[0].Lifecycle = rows[0].Lifecycle.RecordAttempt(1, Accepted, Now, GiveUp).Next;
        foreach (var row in rows)
        {
            await table.AddEntityAsync(row, ct);
        }

        Assert.False(await store.MarkCountedAsync(partition, ct));
        Assert.Null(await store.CountByFlagsAsync(partition, ct));
        Assert.Equal(new NoticeCounts(3, 2, 1, 0, 0, 0, 0), await app.Services.GetRequiredService<IncidentReader>().NoticeCountsAsync(partition, ct));
    }

    [Fact]
    public async Task AnIncidentReadWithEveryNoticeOnItsPage_CountsThoseRows_AndAPagedReadCountsTheCountRows()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var store = app.Services.GetRequiredService<NoticeStore>();
        var detection = new BreachNotify.Detections.NormalizedDetection
        {
            Source = "siem",
            Format = BreachNotify.Detections.DetectionFormats.Generic,
            SourceId = $"count-page-{Guid.NewGuid():N}",
            Title = "Bulk download from the CRM database",
            Severity = BreachNotify.Detections.DetectionSeverity.High,
        };
        var incidentId = BreachNotify.Incidents.IncidentId.For(detection.Source, detection.SourceId);
        await app.Services.GetRequiredService<IncidentWorkflow>().HandleAsync(
            incidentId, new BreachNotify.Incidents.DetectionArrived(detection), ct, assumeNew: true);
        Assert.True(await store.MarkCountedAsync(incidentId, ct));
        var rows = Claimed(incidentId, 0, 3);
        Assert.True(await store.TryAddAsync(rows, ct));

        // One row moved on between the two reads a page makes (written here around the store, so its count row lags).
        rows[0].Lifecycle = rows[0].Lifecycle.RecordAttempt(1, Accepted, Now, GiveUp).Next;
        await app.Services.GetRequiredService<StorageClients>().Incidents.UpdateEntityAsync(rows[0], Azure.ETag.All, TableUpdateMode.Replace, ct);

        var reader = app.Services.GetRequiredService<IncidentReader>();
        var whole = (await reader.ReadAsync(incidentId, ct))!;
        Assert.Equal(1, whole.NoticeCounts.Sent);
        Assert.Equal(whole.Notices.Count(n => n.SentAt is not null), whole.NoticeCounts.Sent);
        var paged = (await reader.ReadAsync(incidentId, null, 2, ct))!;
        Assert.Equal(new NoticeCounts(3, 3, 0, 0, 0, 0, 0), paged.NoticeCounts);
    }

    private static string Partition() => $"inc-count-{Guid.NewGuid():N}";

    private static async Task<int> CountRowsAsync(TestApp app, string partition)
    {
        var count = 0;
        await foreach (var _ in app.Services.GetRequiredService<StorageClients>().Incidents.QueryAsync<TableEntity>(
            RowKeys.KindFilter(partition, NoticeCountRows.CountKind), select: ["RowKey"], cancellationToken: TestContext.Current.CancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary><paramref name="count"/> notices from <paramref name="from"/>, claimed at <see cref="Now"/> (attempt 1, link "h1").</summary>
    private static List<NoticeRecord> Claimed(string partition, int from, int count) => [.. Enumerable.Range(from, count).Select(index =>
    {
        var row = new NoticeRecord
        {
            PartitionKey = partition,
            RowKey = RowKeys.Notice(partition, NoticeId.For(index)),
            Batch = index / 100,
            PartyKind = "Customer",
            PartyId = "contoso",
            PartyName = "Contoso",
            ContactName = "Dana",
            Email = $"dana{index}@contoso.example",
            DueAt = Now.AddDays(1),
        };
        row.Lifecycle = Notice.Planned.Claim(Now, TimeSpan.FromMinutes(1), "h1", Expiry).Next;
        return row;
    })];
}
