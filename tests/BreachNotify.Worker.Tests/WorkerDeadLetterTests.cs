using System.Text.Json;
using Azure.Data.Tables;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using BreachNotify.Worker.Tests.HostProtocol;
using BreachNotify.Worker.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace BreachNotify.Worker.Tests;

/// <summary>The queue trigger's retries under the Functions host: the host redelivers a failed invocation; the app dead-letters on the last.</summary>
public sealed class WorkerDeadLetterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task QueueTrigger_FailsUntilTheLastDequeue_ThenDeadLettersAndSucceeds()
    {
        await using var app = await WorkerApp.StartAsync(azurite, s => s["Workflow:MaxDequeueCount"] = "4");
        var ct = TestContext.Current.CancellationToken;
        const string broken = "inc-fedcba98765432100123";
        var table = new TableClient(azurite.ConnectionString, StorageNames.WithPrefix(app.Prefix).Incidents);
        // A state row that cannot be read: every work item for the incident fails.
        await table.AddEntityAsync(new TableEntity(broken, $"state|{broken}") { ["DataChunks"] = 1, ["Data0"] = "{broken" }, ct);
        var message = JsonSerializer.Serialize(new WorkItem(WorkItemKind.SendBatch, broken), BreachNotify.DomainJson.Options);
        var letters = new DeadLetterStore(new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, Prefix = app.Prefix })), TimeProvider.System);

        var early = await app.Host.InvokeQueueAsync(message, "m-1", dequeueCount: 1);
        Assert.Equal(StatusResult.Types.Status.Failure, early.Result.Status);
        Assert.Empty(await letters.ListAsync(broken, ct));

        var last = await app.Host.InvokeQueueAsync(message, "m-1", dequeueCount: 4);
        Assert.Equal(StatusResult.Types.Status.Success, last.Result.Status);
        var letter = Assert.Single(await letters.ListAsync(broken, ct));
        Assert.Equal(4, letter.DequeueCount);
    }
}
