using Microsoft.Extensions.Logging;

namespace BreachNotify.Adapters.SendGrid;

/// <summary>The SendGrid adapter's log messages.</summary>
internal static partial class SendGridLogs
{
    [LoggerMessage(2020, LogLevel.Warning, "SendGrid answered 429: every send of this process waits {Seconds} s")]
    public static partial void RateLimited(this ILogger logger, double seconds);
}
