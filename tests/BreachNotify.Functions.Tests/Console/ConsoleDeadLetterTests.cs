using System.Net;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>Dead letters listed in the console, and re-driven back onto the workflow queue.</summary>
public sealed class ConsoleDeadLetterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Redrive_PutsTheStoredMessageBackOnTheQueue_AndRemovesTheLetter()
    {
        // No workers: the re-driven message stays on the queue to be seen.
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var letters = app.Services.GetRequiredService<DeadLetterStore>();
        var body = JsonSerializer.Serialize(new WorkItem(WorkItemKind.NotifyCommanders, "inc-deadletter-test", CommanderIds: ["ic-primary"]), BreachNotify.DomainJson.Options);
        await letters.AddAsync("msg-redrive-1", "inc-deadletter-test", body, 5, "TimeoutException: <script>alert(1)</script>", ct);
        await letters.AddAsync("msg-garbage-1", null, "{not json", 1, "JsonException: bad", ct);
        using var client = new ConsoleClient(app);
        await client.SignInAsync();

        var (page, html) = await client.GetAsync("/console/deadletters");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("msg-redrive-1", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>alert(1)", html);

        var (redriven, _) = await client.PostFormAsync("/console/deadletters/msg-redrive-1/redrive", []);
        Assert.Equal(HttpStatusCode.SeeOther, redriven.StatusCode);
        Assert.Equal("/console/deadletters?done=redriven", redriven.Headers.Location!.OriginalString);
        var (garbage, _) = await client.PostFormAsync("/console/deadletters/msg-garbage-1/redrive", []);
        Assert.Equal("/console/deadletters?done=invalid", garbage.Headers.Location!.OriginalString);

        var queued = (await app.Services.GetRequiredService<StorageClients>().WorkflowQueue.PeekMessagesAsync(32, ct)).Value;
        Assert.Single(queued, m => m.Body.ToString() == body);
        Assert.Equal(["msg-garbage-1"], (await letters.ListAsync(null, ct)).Select(l => l.MessageId));
        var (_, after) = await client.GetAsync("/console/deadletters?done=redriven");
        Assert.DoesNotContain("msg-redrive-1", after);
        Assert.Contains("back on the workflow queue", after);
    }
}
