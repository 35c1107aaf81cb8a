using System.Text.Json;
using Azure.Storage.Queues;
using BreachNotify.Cli.Tests.Infrastructure;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using Microsoft.Extensions.Options;

namespace BreachNotify.Cli.Tests;

/// <summary>deadletters list / redrive against Azurite: letters written with the app's DeadLetterStore.</summary>
public sealed class DeadLetterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Redrive_all_puts_every_stored_message_back_on_the_queue_and_removes_the_letters()
    {
        var (storage, prefix, clients, letters) = await StorageAsync();
        var bodies = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var body = JsonSerializer.Serialize(new WorkItem(WorkItemKind.SendBatch, $"inc-{i}", Batch: i), DomainJson.Options);
            bodies.Add(body);
            await letters.AddAsync($"msg-{i}", $"inc-{i}", body, 5, "SendGrid said no", TestContext.Current.CancellationToken);
        }

        var listed = await CliRun.RunAsync(["deadletters", "list", "--storage", storage, "--prefix", prefix]);
        Assert.Equal(0, listed.ExitCode);
        Assert.Equal(3, listed.OutputLines.Count);
        Assert.Contains(listed.OutputLines, l => l.StartsWith("msg-1\tinc-1\t", StringComparison.Ordinal) && l.EndsWith("SendGrid said no", StringComparison.Ordinal));

        var result = await CliRun.RunAsync(["deadletters", "redrive", "--prefix", prefix, "--all"],
            environment: new Dictionary<string, string> { [Cli.StorageVariable] = storage });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("re-driven 3 of 3 dead letters", Assert.Single(result.OutputLines));
        Assert.Contains("re-driven 3/3", result.ErrorLines);
        Assert.Empty(await letters.ListAsync(cancellationToken: TestContext.Current.CancellationToken));
        var messages = await clients.WorkflowQueue.ReceiveMessagesAsync(32, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(bodies.Order(), messages.Value.Select(m => m.Body.ToString()).Order());
        Assert.DoesNotContain(storage, result.Output + result.Error);
    }

    [Fact]
    public async Task Redrive_one_by_id_and_refusals()
    {
        var (storage, prefix, clients, letters) = await StorageAsync();
        var body = JsonSerializer.Serialize(new WorkItem(WorkItemKind.FanOut, "inc-9"), DomainJson.Options);
        await letters.AddAsync("msg-9", "inc-9", body, 5, "boom", TestContext.Current.CancellationToken);
        await letters.AddAsync("msg-junk", null, "not json", 5, "boom", TestContext.Current.CancellationToken);

        var one = await CliRun.RunAsync(["deadletters", "redrive", "--storage", storage, "--prefix", prefix, "--id", "msg-9"]);
        Assert.Equal(0, one.ExitCode);
        Assert.Equal("re-driven msg-9", Assert.Single(one.OutputLines));
        Assert.Null(await letters.GetAsync("msg-9", TestContext.Current.CancellationToken));
        var message = await clients.WorkflowQueue.ReceiveMessageAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(body, message.Value.Body.ToString());

        (await CliRun.RunAsync(["deadletters", "redrive", "--storage", storage, "--prefix", prefix, "--id", "msg-9"]))
            .AssertOneLineFailure("no dead letter 'msg-9'");
        (await CliRun.RunAsync(["deadletters", "redrive", "--storage", storage, "--prefix", prefix, "--id", "msg-junk"]))
            .AssertOneLineFailure("not a work item");
        Assert.NotNull(await letters.GetAsync("msg-junk", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Redrive_needs_exactly_one_of_id_and_all_and_storage()
    {
        var neither = await CliRun.RunAsync(["deadletters", "redrive", "--storage", "UseDevelopmentStorage=true"]);
        Assert.NotEqual(0, neither.ExitCode);
        Assert.Contains("give either --id MESSAGEID or --all", neither.Error);

        (await CliRun.RunAsync(["deadletters", "list"])).AssertOneLineFailure("--storage is required (or set BREACHNOTIFY_STORAGE)");
        (await CliRun.RunAsync(["deadletters", "list", "--storage", "nonsense;AccountKey=secret"])).AssertOneLineFailure("not a valid storage connection string");
    }

    private async Task<(string Storage, string Prefix, StorageClients Clients, DeadLetterStore Letters)> StorageAsync()
    {
        var storage = azurite.ConnectionString;
        var prefix = azurite.NewPrefix();
        var clients = new StorageClients(Options.Create(new StorageOptions { ConnectionString = storage, Prefix = prefix }));
        await clients.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        return (storage, prefix, clients, new DeadLetterStore(clients, TimeProvider.System));
    }
}
