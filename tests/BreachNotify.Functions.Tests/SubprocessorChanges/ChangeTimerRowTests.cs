using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.SubprocessorChanges;

/// <summary>
/// The sweeps' single partitions (<c>windows</c>, <c>clocks</c>) hold a row only while a change has something left to time, against
/// Azurite: they do not grow with every change ever announced, so the sweep's one query reads only live changes.
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
        Assert.True((await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("windows", id, cancellationToken: Ct)).HasValue);
        Assert.True((await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("clocks", id, cancellationToken: Ct)).HasValue);

        // Past every window (consent by silence), every notice deadline and the effective time.
        time.Advance(TimeSpan.FromDays(61));
        var sweeper = app.Services.GetRequiredService<OutboxSweeper>();
        await sweeper.SweepAsync(Ct);
        await sweeper.SweepAsync(Ct);

        var read = await ChangeApi.ReadAsync(app, id, Ct);
        Assert.Equal(1, ChangeApi.TimelineKinds(read).Count(k => k == "tookEffect"));
        Assert.False((await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("windows", id, cancellationToken: Ct)).HasValue);
        Assert.False((await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("clocks", id, cancellationToken: Ct)).HasValue);
        var store = app.Services.GetRequiredService<SubprocessorChangeStore>();
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

        Assert.False((await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("windows", id, cancellationToken: Ct)).HasValue);
        var state = (await store.LoadAsync(id, Ct))!.State;
        var clocks = await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("clocks", id, cancellationToken: Ct);
        Assert.Equal(state.NextClockAt(), clocks.Value!.GetDateTimeOffset("NextDueAt"));
        Assert.DoesNotContain(id, await store.ClocksDueAsync(time.GetUtcNow(), 1000, Ct));

        time.Advance(TimeSpan.FromDays(30));
        await sweeper.SweepAsync(Ct);
        await sweeper.SweepAsync(Ct);

        Assert.Equal(1, ChangeApi.TimelineKinds(await ChangeApi.ReadAsync(app, id, Ct)).Count(k => k == "cureEnded"));
        Assert.False((await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("clocks", id, cancellationToken: Ct)).HasValue);
        Assert.DoesNotContain(id, await store.ClocksDueAsync(time.GetUtcNow().AddYears(1), 1000, Ct));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
