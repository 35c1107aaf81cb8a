using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using BreachNotify.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.Workflow;

/// <summary>Timers longer than the queue's 7-day visibility limit are chained, and a timer fires only when due.</summary>
public sealed class LongTimerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TimerTenDaysAway_IsChainedThroughTheQueueLimit_AndFiresOnlyWhenDue()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        var ct = TestContext.Current.CancellationToken;
        var incidentId = (await (await app.PostDetectionAsync(TestApp.Fixture("generic-subprocessor-report.json"))).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        var processor = app.Services.GetRequiredService<WorkItemProcessor>();
        var store = app.Services.GetRequiredService<IncidentStore>();
        await app.ClassifyByHandAsync(incidentId);
        Assert.Equal(IncidentStatus.AwaitingDecision, (await store.LoadAsync(incidentId, ct))!.State.Status);
        var queued = await StorageProbe.QueuedMessageCountAsync(azurite, app.Prefix);
        var tenDays = new WorkItem(WorkItemKind.Timer, incidentId, Timer: TimerKind.ApprovalRequest, Sequence: 0, DueAt: time.GetUtcNow().AddDays(10));

        // Early: the queue cannot hold it for 10 days; it goes back for at most 7 and nothing happens yet.
        var early = await processor.ProcessAsync("m-early", JsonSerializer.Serialize(tenDays, BreachNotify.DomainJson.Options), 1, ct);

        Assert.Equal(WorkItemOutcome.Finished, early);
        Assert.Equal(queued + 1, await StorageProbe.QueuedMessageCountAsync(azurite, app.Prefix));
        Assert.Equal(0, (await store.LoadAsync(incidentId, ct))!.State.ApprovalRequestsSent);

        time.Advance(TimeSpan.FromDays(10));
        await processor.ProcessAsync("m-due", JsonSerializer.Serialize(tenDays, BreachNotify.DomainJson.Options), 1, ct);

        Assert.Equal(1, (await store.LoadAsync(incidentId, ct))!.State.ApprovalRequestsSent);
    }

    [Fact]
    public async Task WorkQueue_AcceptsADelayBeyondSevenDays_ByClampingIt()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");

        await app.Services.GetRequiredService<WorkQueue>().SendAsync(
            new WorkItem(WorkItemKind.Timer, "inc-0123456789abcdef0123"), TimeSpan.FromDays(30), TestContext.Current.CancellationToken);

        Assert.Equal(1, await StorageProbe.QueuedMessageCountAsync(azurite, app.Prefix));
    }
}
