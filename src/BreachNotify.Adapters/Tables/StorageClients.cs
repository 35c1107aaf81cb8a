using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// The tables and the queue, named with <see cref="StorageOptions.Prefix"/>, over the account's service clients (in the
/// app, the ones <see cref="StorageRegistration"/> registers); creates what is missing at start.
/// </summary>
public sealed class StorageClients
{
    /// <summary>Outside the app (the CLI): service clients made from the options alone.</summary>
    public StorageClients(IOptions<StorageOptions> options)
        : this(options, StorageRegistration.Tables(options.Value), StorageRegistration.Queues(options.Value))
    {
    }

    [ActivatorUtilitiesConstructor]
    public StorageClients(IOptions<StorageOptions> options, TableServiceClient tables, QueueServiceClient queues)
    {
        Names = StorageNames.WithPrefix(options.Value.Prefix);
        Incidents = tables.GetTableClient(Names.Incidents);
        DeadLetters = tables.GetTableClient(Names.DeadLetters);
        ConsoleSessions = tables.GetTableClient(Names.ConsoleSessions);
        DataProtectionKeys = tables.GetTableClient(Names.DataProtectionKeys);
        SubprocessorChanges = tables.GetTableClient(Names.SubprocessorChanges);
        Matters = tables.GetTableClient(Names.Matters);
        PendingWork = tables.GetTableClient(Names.PendingWork);
        IncidentRegister = tables.GetTableClient(Names.IncidentRegister);
        WorkflowQueue = queues.GetQueueClient(Names.WorkflowQueue);
    }

    public StorageNames Names { get; }

    public TableClient Incidents { get; }

    public TableClient DeadLetters { get; }

    public QueueClient WorkflowQueue { get; }

    /// <summary>The console's sessions (one row per signed-in cookie, see <c>ConsoleSessionStore</c>).</summary>
    public TableClient ConsoleSessions { get; }

    /// <summary>The data-protection key ring (<see cref="DataProtectionKeyStore"/>).</summary>
    public TableClient DataProtectionKeys { get; }

    /// <summary>The sub-processor changes (see <c>SubprocessorChangeStore</c>).</summary>
    public TableClient SubprocessorChanges { get; }

    /// <summary>The other notices' matters (see <c>MatterStore</c>).</summary>
    public TableClient Matters { get; }

    /// <summary>The pending-work index of the outbox sweep (see <see cref="PendingWorkIndex"/>).</summary>
    public TableClient PendingWork { get; }

    /// <summary>The incidents' register rows (see <c>IncidentRegister</c>).</summary>
    public TableClient IncidentRegister { get; }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await Incidents.CreateIfNotExistsAsync(cancellationToken);
        await DeadLetters.CreateIfNotExistsAsync(cancellationToken);
        await ConsoleSessions.CreateIfNotExistsAsync(cancellationToken);
        await DataProtectionKeys.CreateIfNotExistsAsync(cancellationToken);
        await SubprocessorChanges.CreateIfNotExistsAsync(cancellationToken);
        await Matters.CreateIfNotExistsAsync(cancellationToken);
        await PendingWork.CreateIfNotExistsAsync(cancellationToken);
        await IncidentRegister.CreateIfNotExistsAsync(cancellationToken);
        await WorkflowQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
