namespace BreachNotify.Worker;

/// <summary>A work item that failed and is not yet dead-lettered: the Functions host delivers its message again.</summary>
public sealed class WorkItemNotFinishedException(string messageId, long dequeueCount)
    : Exception($"work item message {messageId} failed on receipt {dequeueCount}; it will be delivered again");
