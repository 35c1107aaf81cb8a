using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using BreachNotify.Detections;
using BreachNotify.Incidents;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.Workflow;

public sealed class DeadLetterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task MessageThatKeepsFailing_IsDeadLetteredAfterMaxDequeues_WithItsError()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:MaxDequeueCount"] = "3");
        var ct = TestContext.Current.CancellationToken;
        const string broken = "inc-0123456789abcdef0123";
        await AddUnreadableStateAsync(app, broken);

        await app.Services.GetRequiredService<WorkQueue>().SendAsync(new WorkItem(WorkItemKind.SendBatch, broken), cancellationToken: ct);

        var letters = await WaitForLettersAsync(app, broken);
        var letter = Assert.Single(letters);
        Assert.Equal(3, letter.DequeueCount);
        Assert.Contains("JsonException", letter.Error);
        Assert.Contains("sendBatch", letter.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SharedMessage_WithOneItemThatKeepsFailing_HandlesTheOthers_AndDeadLettersThatItemAlone()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:MaxDequeueCount"] = "2");
        var ct = TestContext.Current.CancellationToken;
        const string broken = "inc-fedcba9876543210fedc";
        await AddUnreadableStateAsync(app, broken);
        var workflow = app.Services.GetRequiredService<IncidentWorkflow>();
        var good = new[] { "a", "b" }.Select(id => IncidentId.For("shared-test", id)).ToList();
        foreach (var id in good)
        {
            var detection = new NormalizedDetection { Source = "shared-test", Format = "generic", SourceId = id, Title = "Exfiltration", Categories = ["exfiltration"], AssetRefs = ["sqlprod-eu-01.database.windows.net"] };
            // Recorded without dispatching: the classification timers below are delivered only in the shared message.
            await app.Services.GetRequiredService<IncidentStore>().CommitAsync(null, IncidentState.Empty(id).Apply(new DetectionRecorded(DateTimeOffset.UtcNow, "test", detection)),
                [new DetectionRecorded(DateTimeOffset.UtcNow, "test", detection)], [], ct);
        }

        var items = good.Select(id => new WorkItem(WorkItemKind.Timer, id, Timer: TimerKind.Classification, Sequence: 1, DueAt: DateTimeOffset.UtcNow))
            .Prepend(new WorkItem(WorkItemKind.SendBatch, broken));
        await app.Services.GetRequiredService<StorageClients>().WorkflowQueue.SendMessageAsync(
            JsonSerializer.Serialize(items, BreachNotify.DomainJson.Options), ct);

        var letter = Assert.Single(await WaitForLettersAsync(app, broken));
        Assert.DoesNotContain("[", letter.Body[..1]);
        foreach (var id in good)
        {
            Assert.Equal(IncidentStatus.AwaitingDecision, (await app.Services.GetRequiredService<IncidentStore>().LoadAsync(id, ct))!.State.Status);
        }
    }

    [Fact]
    public async Task MessageThatIsNoWorkItem_IsDeadLetteredAtOnce_AndTheIncidentShowsIt()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var accepted = await (await app.PostDetectionAsync(TestApp.Fixture("generic-subprocessor-report.json"))).Content.ReadFromJsonAsync<JsonElement>(ct);
        var incidentId = accepted.GetProperty("incidentId").GetString()!;

        await app.Services.GetRequiredService<StorageClients>().WorkflowQueue.SendMessageAsync($"{{\"kind\":99,\"incidentId\":\"{incidentId}\"}}", ct);

        await WaitForLettersAsync(app, incidentId);
        var incident = await EndToEndTests.ReadAsync(app, incidentId);
        var shown = Assert.Single(incident.GetProperty("deadLetters").EnumerateArray());
        Assert.Contains("Unknown work item kind", shown.GetProperty("error").GetString());
        Assert.Equal(1, shown.GetProperty("dequeueCount").GetInt32());
    }

    private static async Task<IReadOnlyList<DeadLetter>> WaitForLettersAsync(TestApp app, string incidentId)
    {
        var store = app.Services.GetRequiredService<DeadLetterStore>();
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < deadline)
        {
            var letters = await store.ListAsync(incidentId);
            if (letters.Count > 0)
            {
                return letters;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("No dead letter appeared.");
    }

    /// <summary>A state row that cannot be read: every work item for the incident fails.</summary>
    private async Task AddUnreadableStateAsync(TestApp app, string incidentId)
    {
        var table = new TableClient(azurite.ConnectionString, StorageNames.WithPrefix(app.Prefix).Incidents);
        await table.AddEntityAsync(new TableEntity(incidentId, RowKeys.State(incidentId)) { ["DataChunks"] = 1, ["Data0"] = "{broken" }, TestContext.Current.CancellationToken);
    }
}
