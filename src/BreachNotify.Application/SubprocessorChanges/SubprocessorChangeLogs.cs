using Microsoft.Extensions.Logging;

namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>The sub-processor changes' log messages (event ids 5001-5099); ids and counts, no personal data.</summary>
internal static partial class SubprocessorChangeLogs
{
    [LoggerMessage(5001, LogLevel.Information, "Sub-processor change {ChangeId}: {Events} events, status {Status}, version {Version}")]
    public static partial void ChangeStepCommitted(this ILogger logger, string changeId, int events, string status, int version);


    [LoggerMessage(5003, LogLevel.Warning, "Sub-processor change {ChangeId}: {Kind} not queued ({Status}); the sweep queues it")]
    public static partial void ChangeWorkNotQueued(this ILogger logger, string changeId, string kind, int status);

    [LoggerMessage(5004, LogLevel.Information, "Sub-processor change {ChangeId}: {Count} {Kind} mails sent")]
    public static partial void ChangeMailsSent(this ILogger logger, string changeId, int count, string kind);

    [LoggerMessage(5005, LogLevel.Information, "Sub-processor change {ChangeId}: notice {NoticeId} objected through its link")]
    public static partial void ChangeObjectedByLink(this ILogger logger, string changeId, string noticeId);
}
