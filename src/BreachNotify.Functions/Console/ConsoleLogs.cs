using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>The console's log lines: ids only, never keys.</summary>
internal static partial class ConsoleLogs
{
    [LoggerMessage(4001, LogLevel.Information, "Console sign-in: commander {CommanderId}")]
    public static partial void SignedIn(this ILogger logger, string commanderId);

    [LoggerMessage(4002, LogLevel.Warning, "Console sign-in refused from {Address}")]
    public static partial void SignInRefused(this ILogger logger, string? address);

    [LoggerMessage(4003, LogLevel.Information, "Console decision on incident {IncidentId} by {CommanderId}: {Decision}")]
    public static partial void Decided(this ILogger logger, string incidentId, string commanderId, string decision);
}
