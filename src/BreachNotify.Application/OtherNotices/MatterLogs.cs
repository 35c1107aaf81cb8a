using Microsoft.Extensions.Logging;

namespace BreachNotify.Application.OtherNotices;

/// <summary>The other notices' log messages: ids and counts only.</summary>
internal static partial class MatterLogs
{
    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Matter {MatterId}: {EventCount} event(s), now {Status} (version {Version})")]
    public static partial void MatterStepCommitted(this ILogger logger, string matterId, int eventCount, string status, int version);


    [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "Matter {MatterId}: {Kind} not queued (status {Status}); the sweep queues it")]
    public static partial void MatterWorkNotQueued(this ILogger logger, string matterId, string kind, int status);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Information, Message = "Matter {MatterId}: prohibition review reminder mailed to {Count} commander(s)")]
    public static partial void ProhibitionReviewMailed(this ILogger logger, string matterId, int count);

    [LoggerMessage(EventId = 1805, Level = LogLevel.Information, Message = "Drill schedule {ScheduleId}: drill {MatterId} recorded")]
    public static partial void ScheduledDrillRecorded(this ILogger logger, string scheduleId, string matterId);

    [LoggerMessage(EventId = 1806, Level = LogLevel.Warning, Message = "Drill schedule {ScheduleId}: this occurrence's drill was refused: {Reason}")]
    public static partial void ScheduledDrillRefused(this ILogger logger, string scheduleId, string reason);

    [LoggerMessage(EventId = 1807, Level = LogLevel.Information, Message = "Drill schedule {ScheduleId}: edited")]
    public static partial void DrillScheduleUpdated(this ILogger logger, string scheduleId);

    [LoggerMessage(EventId = 1808, Level = LogLevel.Information, Message = "Drill schedule {ScheduleId}: deleted")]
    public static partial void DrillScheduleDeleted(this ILogger logger, string scheduleId);

    [LoggerMessage(EventId = 1809, Level = LogLevel.Information, Message = "Subject lookup: {Count} customer(s)")]
    public static partial void SubjectLookupAnswered(this ILogger logger, int count);

    [LoggerMessage(EventId = 1810, Level = LogLevel.Warning, Message = "Subject lookup failed: an unusable answer (status {Status}); nothing recorded")]
    public static partial void SubjectLookupFailed(this ILogger logger, int status);

    [LoggerMessage(EventId = 1811, Level = LogLevel.Warning, Message = "Subject lookup unreachable ({Reason}); nothing recorded")]
    public static partial void SubjectLookupUnreachable(this ILogger logger, string reason);
}
