using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>Reads what a test's app left in Azurite, to prove that refused input stored nothing.</summary>
public static class StorageProbe
{
    public static async Task<int> RowCountAsync(AzuriteFixture azurite, string prefix)
    {
        var table = new TableClient(azurite.ConnectionString, StorageNames.WithPrefix(prefix).Incidents);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    public static async Task<int> ChangeRowCountAsync(AzuriteFixture azurite, string prefix)
    {
        var table = new TableClient(azurite.ConnectionString, StorageNames.WithPrefix(prefix).SubprocessorChanges);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    public static async Task<int> QueuedMessageCountAsync(AzuriteFixture azurite, string prefix)
    {
        var queue = new QueueClient(azurite.ConnectionString, StorageNames.WithPrefix(prefix).WorkflowQueue);
        var properties = await queue.GetPropertiesAsync();
        return properties.Value.ApproximateMessagesCount;
    }
}
