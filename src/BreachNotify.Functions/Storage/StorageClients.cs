using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Storage;

/// <summary>The table and queue clients, made once from <see cref="StorageOptions"/>; creates what is missing at start.</summary>
public sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options)
    {
        var o = options.Value;
        Names = StorageNames.WithPrefix(o.Prefix);
        // Base64 is what the Functions host's queue trigger expects, so both hosts read the same messages.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        if (!string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            var tables = new TableServiceClient(o.ConnectionString);
            Incidents = tables.GetTableClient(Names.Incidents);
            DeadLetters = tables.GetTableClient(Names.DeadLetters);
            ConsoleSessions = tables.GetTableClient(Names.ConsoleSessions);
            DataProtectionKeys = tables.GetTableClient(Names.DataProtectionKeys);
            SubprocessorChanges = tables.GetTableClient(Names.SubprocessorChanges);
            WorkflowQueue = new QueueServiceClient(o.ConnectionString, queueOptions).GetQueueClient(Names.WorkflowQueue);
        }
        else
        {
            var credential = new DefaultAzureCredential();
            var tables = new TableServiceClient(o.TableEndpoint, credential);
            Incidents = tables.GetTableClient(Names.Incidents);
            DeadLetters = tables.GetTableClient(Names.DeadLetters);
            ConsoleSessions = tables.GetTableClient(Names.ConsoleSessions);
            DataProtectionKeys = tables.GetTableClient(Names.DataProtectionKeys);
            SubprocessorChanges = tables.GetTableClient(Names.SubprocessorChanges);
            WorkflowQueue = new QueueServiceClient(o.QueueEndpoint, credential, queueOptions).GetQueueClient(Names.WorkflowQueue);
        }
    }

    public StorageNames Names { get; }

    public TableClient Incidents { get; }

    public TableClient DeadLetters { get; }

    public QueueClient WorkflowQueue { get; }

    /// <summary>The console's sessions (one row per signed-in cookie, see <c>CommanderConsole.ConsoleSessionStore</c>).</summary>
    public TableClient ConsoleSessions { get; }

    /// <summary>The data-protection key ring (<see cref="DataProtectionKeyStore"/>).</summary>
    public TableClient DataProtectionKeys { get; }

    /// <summary>The sub-processor changes (see <c>SubprocessorChanges.SubprocessorChangeStore</c>).</summary>
    public TableClient SubprocessorChanges { get; }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await Incidents.CreateIfNotExistsAsync(cancellationToken);
        await DeadLetters.CreateIfNotExistsAsync(cancellationToken);
        await ConsoleSessions.CreateIfNotExistsAsync(cancellationToken);
        await DataProtectionKeys.CreateIfNotExistsAsync(cancellationToken);
        await SubprocessorChanges.CreateIfNotExistsAsync(cancellationToken);
        await WorkflowQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
