using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.Hosting;

/// <summary>Every log line of the app, with stable event ids. Ids and counts only: never personal data or secrets.</summary>
internal static partial class Logs
{
    [LoggerMessage(1001, LogLevel.Information, "Detection accepted: incident {IncidentId}, source {Source}, duplicate {Duplicate}")]
    public static partial void DetectionAccepted(this ILogger logger, string incidentId, string source, bool duplicate);

    [LoggerMessage(1002, LogLevel.Warning, "Detection refused from source {Source}: {Status} {Reason}")]
    public static partial void DetectionRefused(this ILogger logger, string source, int status, string reason);

    [LoggerMessage(2001, LogLevel.Information, "Incident {IncidentId}: {EventCount} events, {CommandCount} commands, version {Version}")]
    public static partial void StepCommitted(this ILogger logger, string incidentId, int eventCount, int commandCount, int version);

    [LoggerMessage(2002, LogLevel.Warning, "Incident {IncidentId}: dispatch of {RowKey} failed; the sweep will resend it")]
    public static partial void DispatchFailed(this ILogger logger, Exception exception, string incidentId, string rowKey);

    [LoggerMessage(2003, LogLevel.Information, "Incident {IncidentId}: fan-out planned {NoticeCount} notices in {BatchCount} batches")]
    public static partial void FanOutPlanned(this ILogger logger, string incidentId, int noticeCount, int batchCount);

    [LoggerMessage(2004, LogLevel.Information, "Incident {IncidentId} batch {Batch}: {Count} notices sent")]
    public static partial void BatchSent(this ILogger logger, string incidentId, int batch, int count);

    [LoggerMessage(2005, LogLevel.Warning, "Incident {IncidentId} batch {Batch}: send not accepted ({Error}); retrying later")]
    public static partial void BatchDeferred(this ILogger logger, string incidentId, int batch, string error);

    [LoggerMessage(2006, LogLevel.Error, "Incident {IncidentId} batch {Batch}: send failed for good ({Error}); notices marked failed")]
    public static partial void BatchFailed(this ILogger logger, string incidentId, int batch, string error);

    [LoggerMessage(2007, LogLevel.Information, "Incident {IncidentId}: notice {NoticeId} found accepted by the provider; not resent")]
    public static partial void NoticeFoundAccepted(this ILogger logger, string incidentId, string noticeId);

    [LoggerMessage(2008, LogLevel.Information, "Incident {IncidentId}: notice {NoticeId} acknowledged")]
    public static partial void NoticeAcknowledged(this ILogger logger, string incidentId, string noticeId);

    [LoggerMessage(2009, LogLevel.Information, "Incident {IncidentId}: {Count} reminders sent (round {Round})")]
    public static partial void RemindersSent(this ILogger logger, string incidentId, int count, int round);

    [LoggerMessage(3001, LogLevel.Error, "Message {MessageId} (incident {IncidentId}) failed on dequeue {DequeueCount}")]
    public static partial void WorkItemFailed(this ILogger logger, Exception exception, string messageId, string? incidentId, long dequeueCount);

    [LoggerMessage(3002, LogLevel.Error, "Message {MessageId} (incident {IncidentId}) dead-lettered after {DequeueCount} dequeues")]
    public static partial void DeadLettered(this ILogger logger, string messageId, string? incidentId, long dequeueCount);

    [LoggerMessage(3003, LogLevel.Information, "Outbox sweep re-dispatched {Count} commands")]
    public static partial void SweepRedispatched(this ILogger logger, int count);

    [LoggerMessage(3004, LogLevel.Warning, "Queue worker loop error; continuing")]
    public static partial void WorkerLoopError(this ILogger logger, Exception exception);
}
