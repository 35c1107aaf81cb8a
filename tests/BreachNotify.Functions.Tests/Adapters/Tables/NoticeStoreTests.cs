using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Notices;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.Adapters.Tables;

/// <summary>
/// The store is the one place notices are moved on under their ETags: <see cref="NoticeStore.UpdateAsync"/> decides again
/// on what is there when somebody wrote the row meanwhile; <see cref="NoticeStore.TryUpdateAsync"/> writes a batch all
/// or none. Against Azurite's real 412s.
/// </summary>
public sealed class NoticeStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now.AddDays(30);

    [Fact]
    public async Task UpdateAsync_RowWrittenBetweenItsReadAndItsWrite_AppliesTheTransitionAgainOnWhatIsThere()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var store = app.Services.GetRequiredService<NoticeStore>();
        var partition = Partition();
        Assert.True(await store.TryAddAsync([Row(partition, 0)], ct));
        var delivered = new DeliveryReport(DeliveryEventKind.Delivered, Now.AddMinutes(1));
        var calls = 0;

        var update = await store.UpdateAsync(partition, "n00000", n =>
        {
            if (++calls == 1)
            {
                // The recipient acknowledges after the delivery event's read and before its write.
                Task.Run(() => store.UpdateAsync(partition, "n00000", a => a.Acknowledge("Dana", null, null, Now.AddMinutes(2)), ct), ct).GetAwaiter().GetResult();
            }

            return n.ApplyDeliveryEvent(delivered, Now.AddMinutes(3), TimeSpan.FromMinutes(2));
        }, ct);

        Assert.Equal(2, calls);
        Assert.NotNull(update);
        Assert.Equal(NoticeStatus.Acknowledged, update.Transition.Previous.Status);
        var stored = (await store.FindAsync(partition, "n00000", ct))!;
        Assert.Equal(NoticeStatus.Acknowledged, stored.State);
        Assert.Equal("Dana", stored.AcknowledgedBy);
        Assert.Equal(Now.AddMinutes(1), stored.DeliveredAt);
        Assert.Equal(stored.ETag, update.Row.ETag);
    }

    [Fact]
    public async Task UpdateAsync_ATransitionThatChangesNothing_WritesNothing()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var store = app.Services.GetRequiredService<NoticeStore>();
        var partition = Partition();
        Assert.True(await store.TryAddAsync([Row(partition, 0)], ct));
        var before = (await store.FindAsync(partition, "n00000", ct))!.ETag;

        var update = await store.UpdateAsync(partition, "n00000", n => n.RecordReminder(5, "h2", Expiry), ct);

        Assert.Equal(NoticeOutcome.Refused, update!.Transition.Outcome);
        Assert.Equal(before, (await store.FindAsync(partition, "n00000", ct))!.ETag);
        Assert.Null(await store.UpdateAsync(partition, "n00099", n => n.RecordReminder(0, "h2", Expiry), ct));
    }

    [Fact]
    public async Task TryUpdateAsync_ARowWrittenSinceTheBatchWasRead_WritesNoneOfIt_AndKeepsWhatWasRead()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var store = app.Services.GetRequiredService<NoticeStore>();
        var partition = Partition();
        Assert.True(await store.TryAddAsync([Row(partition, 0), Row(partition, 1), Row(partition, 2)], ct));
        var read = await store.RangeAsync(partition, 0, 3, ct);
        await store.UpdateAsync(partition, "n00001", n => n.Acknowledge("Dana", null, null, Now), ct);

        var written = await store.TryUpdateAsync(read, r => r.Lifecycle.RecordReminder(0, "h2", Expiry), ct);

        Assert.False(written);
        Assert.All(read, r => Assert.Equal(0, r.ReminderCount));
        Assert.All(read, r => Assert.Equal("h1", r.TokenHashes));
        var stored = await store.RangeAsync(partition, 0, 3, ct);
        Assert.Equal([0, 0, 0], stored.Select(r => r.ReminderCount));
        Assert.Equal(NoticeStatus.Acknowledged, stored[1].State);

        // Read again: the acknowledged notice is refused its reminder and stays out of the write; the others get theirs.
        Assert.True(await store.TryUpdateAsync(stored, r => r.Lifecycle.RecordReminder(0, "h2", Expiry), ct));
        var after = await store.RangeAsync(partition, 0, 3, ct);
        Assert.Equal([1, 0, 1], after.Select(r => r.ReminderCount));
        Assert.Equal(["h1,h2", "h1", "h1,h2"], after.Select(r => r.TokenHashes));
        Assert.Equal(after.Select(r => r.ETag), stored.Select(r => r.ETag));
    }

    [Fact]
    public async Task TryUpdateAsync_WritesOnlyTheColumnsThatChanged_YetEachRowReadsBackAsItsTransitionLeftIt_AClearedColumnGone()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var store = app.Services.GetRequiredService<NoticeStore>();
        var partition = Partition();
        var claimed = new[] { Claimed(partition, 0), Claimed(partition, 1) };
        Assert.True(await store.TryAddAsync(claimed, ct));
        var accepted = new AttemptOutcome(true, false, false, null);
        var refused = new AttemptOutcome(false, false, true, "SendGrid answered 503");

        // n00000 accepted (status and sent time merged in), n00001 handed back (its sending time cleared: the row replaced).
        Assert.True(await store.TryUpdateAsync(
            claimed, r => r.Lifecycle.RecordAttempt(1, r.NoticeId == "n00000" ? accepted : refused, Now.AddSeconds(5), TimeSpan.FromMinutes(30)), ct));

        var stored = await store.RangeAsync(partition, 0, 2, ct);
        Assert.Equal(claimed.Select(r => r.ETag), stored.Select(r => r.ETag));
        Assert.Equal([NoticeStatus.Sent, NoticeStatus.Pending], stored.Select(r => r.State));
        Assert.Equal(Now.AddSeconds(5), stored[0].SentAt);
        Assert.Equal(Now, stored[0].SendingSince);
        Assert.Null(stored[1].SendingSince);
        Assert.Null(stored[1].SentAt);
        Assert.Equal("SendGrid answered 503", stored[1].LastError);
        Assert.All(stored, r => Assert.Equal((1, "h1", "Dana", Expiry), (r.Attempts, r.TokenHashes, r.ContactName, r.TokenExpiresAt)));
        Assert.Equal(["dana0@contoso.example", "dana1@contoso.example"], stored.Select(r => r.Email));
    }

    private static string Partition() => $"inc-store-{Guid.NewGuid():N}";

    /// <summary>A notice claimed at <see cref="Now"/> with link "h1" (created claimed, as a send item creates it).</summary>
    private static NoticeRecord Claimed(string partition, int index)
    {
        var row = Row(partition, index);
        row.Lifecycle = Notice.Planned.Claim(Now, TimeSpan.FromMinutes(1), "h1", Expiry).Next;
        return row;
    }

    /// <summary>A notice sent at <see cref="Now"/> with link "h1".</summary>
    private static NoticeRecord Row(string partition, int index)
    {
        var row = new NoticeRecord
        {
            PartitionKey = partition,
            RowKey = RowKeys.Notice(partition, NoticeId.For(index)),
            PartyKind = "Customer",
            PartyId = "contoso",
            PartyName = "Contoso",
            ContactName = "Dana",
            Email = $"dana{index}@contoso.example",
            DueAt = Now.AddDays(1),
        };
        row.Lifecycle = Notice.Planned.Claim(Now, TimeSpan.FromMinutes(1), "h1", Expiry).Next
            .RecordAttempt(1, new AttemptOutcome(true, false, false, null), Now, TimeSpan.FromMinutes(30)).Next;
        return row;
    }
}
