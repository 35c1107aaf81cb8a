using Microsoft.Extensions.Logging;

namespace BreachNotify.Application;

/// <summary>Every log line of the app, with stable event ids. Ids and counts only: never personal data or secrets.</summary>
internal static partial class Logs
{
    [LoggerMessage(1001, LogLevel.Information, "Detection accepted: incident {IncidentId}, source {Source}, duplicate {Duplicate}")]
    public static partial void DetectionAccepted(this ILogger logger, string incidentId, string source, bool duplicate);

    [LoggerMessage(1002, LogLevel.Warning, "Detection refused from source {Source}: {Status} {Reason}")]
    public static partial void DetectionRefused(this ILogger logger, string source, int status, string reason);

    [LoggerMessage(1003, LogLevel.Warning, "SendGrid delivery events refused: {Status} {Reason}")]
    public static partial void DeliveryEventsRefused(this ILogger logger, int status, string reason);

    [LoggerMessage(1004, LogLevel.Information, "SendGrid delivery events: {Received} received, {Applied} applied, {Unchanged} unchanged, {Ignored} ignored, {Alerts} bounce alerts")]
    public static partial void DeliveryEventsRecorded(this ILogger logger, int received, int applied, int unchanged, int ignored, int alerts);

    [LoggerMessage(1005, LogLevel.Warning, "Storage unavailable ({Error}): answered 503")]
    public static partial void StorageUnavailable(this ILogger logger, string error);

    [LoggerMessage(2001, LogLevel.Information, "Incident {IncidentId}: {EventCount} events, {CommandCount} commands, version {Version}")]
    public static partial void StepCommitted(this ILogger logger, string incidentId, int eventCount, int commandCount, int version);

    [LoggerMessage(2002, LogLevel.Warning, "Incident {IncidentId}: dispatch of {RowKey} failed; the sweep will resend it")]
    public static partial void DispatchFailed(this ILogger logger, Exception exception, string incidentId, string rowKey);

    [LoggerMessage(2003, LogLevel.Information, "Incident {IncidentId}: fan-out planned {NoticeCount} notices in {BatchCount} batches")]
    public static partial void FanOutPlanned(this ILogger logger, string incidentId, int noticeCount, int batchCount);

    [LoggerMessage(2022, LogLevel.Warning, "Incident {IncidentId}: the fan-out's first send failed; it goes to the queue")]
    public static partial void FirstSendFailed(this ILogger logger, Exception exception, string incidentId);

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

    [LoggerMessage(2010, LogLevel.Warning, "Incident {IncidentId}: notice {NoticeId} not delivered ({Event})")]
    public static partial void NoticeBounced(this ILogger logger, string incidentId, string noticeId, string @event);

    [LoggerMessage(2011, LogLevel.Information, "Incident {IncidentId}: commanders told that notice {NoticeId} was not delivered")]
    public static partial void BounceAlertSent(this ILogger logger, string incidentId, string noticeId);

    [LoggerMessage(2012, LogLevel.Error, "Incident {IncidentId}: the commanders' alert for undelivered notice {NoticeId} was not accepted; SendGrid is asked to post again")]
    public static partial void BounceAlertFailed(this ILogger logger, string incidentId, string noticeId);

    [LoggerMessage(3001, LogLevel.Error, "Message {MessageId} (incident {IncidentId}) failed on dequeue {DequeueCount}")]
    public static partial void WorkItemFailed(this ILogger logger, Exception exception, string messageId, string? incidentId, long dequeueCount);

    [LoggerMessage(3002, LogLevel.Error, "Message {MessageId} (incident {IncidentId}) dead-lettered after {DequeueCount} dequeues")]
    public static partial void DeadLettered(this ILogger logger, string messageId, string? incidentId, long dequeueCount);

    [LoggerMessage(3003, LogLevel.Information, "Outbox sweep re-dispatched {Count} commands")]
    public static partial void SweepRedispatched(this ILogger logger, int count);

    [LoggerMessage(3004, LogLevel.Warning, "Queue worker loop error; continuing")]
    public static partial void WorkerLoopError(this ILogger logger, Exception exception);


    [LoggerMessage(2021, LogLevel.Debug, "Incident {IncidentId} batch {Batch}: request of {Count} notices recorded {Outcome}")]
    public static partial void RequestRecorded(this ILogger logger, string incidentId, int batch, int count, string outcome);
}
