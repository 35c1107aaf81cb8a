using Microsoft.Extensions.Logging;

namespace BreachNotify.Adapters.Tables;

/// <summary>The table adapter's log messages: ids and status codes only.</summary>
internal static partial class TableLogs
{
    [LoggerMessage(EventId = 1802, Level = LogLevel.Warning, Message = "Matter {MatterId}: list or timer row not written (status {Status}); the next step rewrites it")]
    public static partial void MatterRowsNotWritten(this ILogger logger, string matterId, int status);

    [LoggerMessage(5002, LogLevel.Warning, "Sub-processor change {ChangeId}: the list row was not written ({Status}); the change's next step rewrites it")]
    public static partial void ListRowNotWritten(this ILogger logger, string changeId, int status);
}
