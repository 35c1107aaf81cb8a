using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.SubprocessorChanges;

/// <summary>
/// A change's timers (<see cref="SubprocessorChangeStore.Windows"/>, <see cref="SubprocessorChangeStore.Clocks"/>) are set only while it has
/// something left to time, against Azurite, in the bucket of the state's own next time: a change done leaves no timer row behind.
/// </summary>
public sealed class ChangeTimerRowTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Change_WhoseWindowsClosedAndWhichTookEffect_LeavesNoRowInTheWindowsOrClocksPartition_AndTheSweepFindsItNoMore()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        var id = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 60), Ct);
        var table = app.Services.GetRequiredService<StorageClients>().SubprocessorChanges;
        var store = app.Services.GetRequiredService<SubprocessorChangeStore>();
        var window = (await store.Windows.DueAtAsync(id, Ct))!.Value;
        var clock = (await store.LoadAsync(id, Ct))!.State.NextClockAt()!.Value;
        Assert.Equal(clock, await store.Clocks.DueAtAsync(id, Ct));
        Assert.Equal([store.Windows.Bucket(window), store.Clocks.Bucket(clock)], await RowsOfAsync(table, id));

        // Past every window (consent by silence), every notice deadline and the effective time.
        time.Advance(TimeSpan.FromDays(61));
        var sweeper = app.Services.GetRequiredService<OutboxSweeper>();
        await sweeper.SweepAsync(Ct);
        await sweeper.SweepAsync(Ct);

        var read = await ChangeApi.ReadAsync(app, id, Ct);
        Assert.Equal(1, ChangeApi.TimelineKinds(read).Count(k => k == "tookEffect"));
        Assert.Null(await store.Windows.DueAtAsync(id, Ct));
        Assert.Null(await store.Clocks.DueAtAsync(id, Ct));
        Assert.Empty(await RowsOfAsync(table, id));
        Assert.DoesNotContain(id, await store.ClocksDueAsync(time.GetUtcNow().AddYears(1), 1000, Ct));
        Assert.DoesNotContain(id, await store.WindowsClosedAsync(time.GetUtcNow().AddYears(1), 1000, Ct));
    }

    [Fact]
    public async Task Change_WithAnObjection_KeepsItsClocksRowOnTheNextTimer_AfterItsWindowsRowIsGone_AndDropsItOnceTheCurePeriodAndEffectiveTimePass()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        var id = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 60), Ct);
        var table = app.Services.GetRequiredService<StorageClients>().SubprocessorChanges;
        var store = app.Services.GetRequiredService<SubprocessorChangeStore>();
        time.Advance(TimeSpan.FromDays(2));
        var (objected, _) = await app.Services.GetRequiredService<SubprocessorChangeWorkflow>()
            .HandleAsync(id, new BreachNotify.SubprocessorChanges.RecordObjection("fabrikam", "contact:legal", "data leaves the US"), Ct);
        Assert.Null(objected.Refusal);

        // Day 31: every window closed (the windows row goes), the cure reminders of days 9 to 30 are recorded; the cure period ends on day 32.
        time.Advance(TimeSpan.FromDays(29));
        var sweeper = app.Services.GetRequiredService<OutboxSweeper>();
        await sweeper.SweepAsync(Ct);
        await sweeper.SweepAsync(Ct);

        Assert.Null(await store.Windows.DueAtAsync(id, Ct));
        var state = (await store.LoadAsync(id, Ct))!.State;
        Assert.Equal(state.NextClockAt(), await store.Clocks.DueAtAsync(id, Ct));
        Assert.Equal([store.Clocks.Bucket(state.NextClockAt()!.Value)], await RowsOfAsync(table, id));
        Assert.DoesNotContain(id, await store.ClocksDueAsync(time.GetUtcNow(), 1000, Ct));

        time.Advance(TimeSpan.FromDays(30));
        await sweeper.SweepAsync(Ct);
        await sweeper.SweepAsync(Ct);

        Assert.Equal(1, ChangeApi.TimelineKinds(await ChangeApi.ReadAsync(app, id, Ct)).Count(k => k == "cureEnded"));
        Assert.Null(await store.Clocks.DueAtAsync(id, Ct));
        Assert.Empty(await RowsOfAsync(table, id));
        Assert.DoesNotContain(id, await store.ClocksDueAsync(time.GetUtcNow().AddYears(1), 1000, Ct));
    }

    [Fact]
    public async Task OwedWork_OfAnApproval_IsFoundOnlyOnceOverdue_IsPostponedByTheSweepThatQueuesItAgain_AndGoesWhenCompleted()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        var id = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 60), Ct);
        var workflow = app.Services.GetRequiredService<SubprocessorChangeWorkflow>();
        var store = app.Services.GetRequiredService<SubprocessorChangeStore>();
        Assert.DoesNotContain(await store.OverdueWorkAsync(time.GetUtcNow(), 100, Ct), w => w.ChangeId == id);

        // No worker ran the fan-out (workers off, as after a crash): past its redispatch time the sweep finds it and queues it again.
        time.Advance(TimeSpan.FromSeconds(121));
        var owed = Assert.Single(await store.OverdueWorkAsync(time.GetUtcNow(), 100, Ct), w => w.ChangeId == id);
        Assert.Equal(BreachNotify.Adapters.Queues.WorkItemKind.FanOut, owed.Kind);
        Assert.True(await workflow.SweepWorkAsync(Ct) >= 1);
        Assert.DoesNotContain(await store.OverdueWorkAsync(time.GetUtcNow(), 100, Ct), w => w.ChangeId == id);
        time.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal(owed.RowKey, Assert.Single(await store.OverdueWorkAsync(time.GetUtcNow(), 100, Ct), w => w.ChangeId == id).RowKey);

        await store.CompleteWorkAsync(owed.RowKey, Ct);

        Assert.DoesNotContain(await store.OverdueWorkAsync(time.GetUtcNow().AddYears(1), 100, Ct), w => w.ChangeId == id);
    }

    /// <summary>The bucket rows of the change in either index (the test reads across them; the code never does).</summary>
    private static async Task<List<string>> RowsOfAsync(Azure.Data.Tables.TableClient table, string id)
    {
        var rows = new List<string>();
        foreach (var index in new[] { SubprocessorChangeStore.WindowsIndex, SubprocessorChangeStore.ClocksIndex })
        {
            var filter = Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey ge {index + "|"} and PartitionKey lt {index + "}"} and RowKey eq {id}");
            await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(filter, cancellationToken: Ct))
            {
                rows.Add(row.PartitionKey);
            }
        }

        return rows;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
