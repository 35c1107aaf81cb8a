using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>The sub-processor changes' log messages (event ids 5001-5099); ids and counts, no personal data.</summary>
internal static partial class SubprocessorChangeLogs
{
    [LoggerMessage(5001, LogLevel.Information, "Sub-processor change {ChangeId}: {Events} events, status {Status}, version {Version}")]
    public static partial void ChangeStepCommitted(this ILogger logger, string changeId, int events, string status, int version);

    [LoggerMessage(5002, LogLevel.Warning, "Sub-processor change {ChangeId}: the list row was not written ({Status}); the change's next step rewrites it")]
    public static partial void ListRowNotWritten(this ILogger logger, string changeId, int status);
}
