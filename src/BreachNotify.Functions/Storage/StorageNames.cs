namespace BreachNotify.Functions.Storage;

/// <summary>The tables and queues the app uses; the queue name is also in WorkflowQueue/function.json.</summary>
public sealed record StorageNames(string Incidents, string DeadLetters, string WorkflowQueue, string ConsoleSessions, string DataProtectionKeys)
{
    public const string DefaultWorkflowQueue = "breachnotify-workflow";

    public static StorageNames WithPrefix(string prefix) =>
        new($"{prefix}incidents", $"{prefix}deadletters", prefix.Length == 0 ? DefaultWorkflowQueue : $"{prefix}-{DefaultWorkflowQueue}", $"{prefix}consolesessions", $"{prefix}dataprotection");
}
