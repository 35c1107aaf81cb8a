namespace BreachNotify.Adapters.Tables;

/// <summary>The tables and queues the app uses; the queue name is also in WorkflowQueue/function.json.</summary>
public sealed record StorageNames(string Incidents, string DeadLetters, string WorkflowQueue, string ConsoleSessions, string DataProtectionKeys)
{
    /// <summary>The sub-processor changes: one partition per change, plus the month partitions of their list.</summary>
    public string SubprocessorChanges { get; init; } = "subprocessorchanges";

    /// <summary>The other notices a processor owes (issue 18): one partition per matter, plus its list, work and timer partitions.</summary>
    public string Matters { get; init; } = "matters";

    /// <summary>The pending-work index the outbox sweep reads (see <see cref="PendingWorkIndex"/>): a partition per time bucket.</summary>
    public string PendingWork { get; init; } = "pendingwork";

    /// <summary>The incidents' register rows (see <c>IncidentRegister</c>): a partition per month of awareness.</summary>
    public string IncidentRegister { get; init; } = "incidentregister";

    public const string DefaultWorkflowQueue = "breachnotify-workflow";

    public static StorageNames WithPrefix(string prefix) =>
        new($"{prefix}incidents", $"{prefix}deadletters", prefix.Length == 0 ? DefaultWorkflowQueue : $"{prefix}-{DefaultWorkflowQueue}", $"{prefix}consolesessions", $"{prefix}dataprotection")
        {
            SubprocessorChanges = $"{prefix}subprocessorchanges",
            Matters = $"{prefix}matters",
            PendingWork = $"{prefix}pendingwork",
            IncidentRegister = $"{prefix}incidentregister",
        };
}
