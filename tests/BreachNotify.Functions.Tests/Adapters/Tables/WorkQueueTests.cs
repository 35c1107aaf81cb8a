using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.Adapters.Tables;

/// <summary>Items sent at once share queue messages, but only with items of the same delay.</summary>
public sealed class WorkQueueTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ItemsSentTogether_ShareMessages_OnlyWithItemsOfTheSameDelay_AndEachArrivesOnce()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var queue = app.Services.GetRequiredService<WorkQueue>();
        var messages = app.Services.GetRequiredService<StorageClients>().WorkflowQueue;
        var now = Enumerable.Range(0, 20).Select(i => Item($"now-{i:D2}")).ToList();
        var later = Enumerable.Range(0, 20).Select(i => Item($"later-{i:D2}")).ToList();

        await Task.WhenAll([.. now.Select(i => queue.SendSharedAsync(i)), .. later.Select(i => queue.SendSharedAsync(i, TimeSpan.FromSeconds(2.2)))]);

        var (visibleAtOnce, firstCount) = await ReceiveAllAsync(messages, ct);
        Assert.Equal(now.Select(i => i.OutboxRowKey!).Order(), visibleAtOnce.Order());
        await Task.Delay(TimeSpan.FromSeconds(3.5), ct); // 2.2 s rounds up to 3 s
        var (visibleLater, laterCount) = await ReceiveAllAsync(messages, ct);
        Assert.Equal(later.Select(i => i.OutboxRowKey!).Order(), visibleLater.Order());
        Assert.True(firstCount + laterCount < now.Count + later.Count, $"{firstCount} + {laterCount} messages for 40 items: none shared");
    }

    private static WorkItem Item(string key) => new(WorkItemKind.Timer, "inc-00000000000000000042", key);

    private static async Task<(List<string> RowKeys, int Messages)> ReceiveAllAsync(Azure.Storage.Queues.QueueClient queue, CancellationToken ct)
    {
        var keys = new List<string>();
        var count = 0;
        while ((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), ct)).Value is { Length: > 0 } received)
        {
            foreach (var message in received)
            {
                count++;
                var body = message.Body.ToString();
                var items = body.StartsWith('[')
                    ? JsonSerializer.Deserialize<WorkItem[]>(body, BreachNotify.DomainJson.Options)!
                    : [JsonSerializer.Deserialize<WorkItem>(body, BreachNotify.DomainJson.Options)!];
                keys.AddRange(items.Select(i => i.OutboxRowKey!));
            }
        }

        return (keys, count);
    }
}
