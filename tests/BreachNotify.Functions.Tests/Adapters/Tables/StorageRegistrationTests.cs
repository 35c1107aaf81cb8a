using Azure.Data.Tables;
using Azure.Storage.Queues;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.Adapters.Tables;

/// <summary>The account's service clients from the Azure client factory: by connection string, or by endpoint with a credential.</summary>
public sealed class StorageRegistrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task WorkflowQueueMessages_AreStoredBase64_AsTheFunctionsHostsQueueTriggerReadsThem()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var queue = app.Services.GetRequiredService<StorageClients>().WorkflowQueue;

        await queue.SendMessageAsync("{\"kind\":1}", ct);

        // Read as the host does, without the app's encoding: the raw text is the base64 of the message's UTF-8.
        var raw = new QueueClient(azurite.ConnectionString, queue.Name);
        var message = Assert.Single((await raw.PeekMessagesAsync(10, ct)).Value);
        Assert.Equal("eyJraW5kIjoxfQ==", message.Body.ToString());
    }

    [Fact]
    public void Endpoints_WithoutConnectionString_AreTheClientsAddresses_OneClientPerService()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:TableEndpoint"] = "https://notifyacct.table.core.windows.net",
            ["Storage:QueueEndpoint"] = "https://notifyacct.queue.core.windows.net",
            ["Storage:Prefix"] = "prod",
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddBreachNotifyOptions().AddStorage().BuildServiceProvider();

        var clients = services.GetRequiredService<StorageClients>();

        Assert.Equal(new Uri("https://notifyacct.table.core.windows.net/prodincidents"), clients.Incidents.Uri);
        Assert.Equal(new Uri("https://notifyacct.queue.core.windows.net/prod-breachnotify-workflow"), clients.WorkflowQueue.Uri);
        Assert.Same(services.GetRequiredService<TableServiceClient>(), services.GetRequiredService<TableServiceClient>());
        Assert.Same(services.GetRequiredService<QueueServiceClient>(), services.GetRequiredService<QueueServiceClient>());
    }
}
