using Microsoft.Extensions.Logging;

namespace BreachNotify.Application.Workflow;

/// <summary>The follow-up and closing fan-out's log lines (ids only: no personal data).</summary>
internal static partial class PhaseLogs
{
    [LoggerMessage(2101, LogLevel.Information, "Incident {IncidentId}: phase {Phase} frozen with {Count} recipients")]
    public static partial void PhaseFrozen(this ILogger logger, string incidentId, int phase, int count);

    [LoggerMessage(2102, LogLevel.Information, "Incident {IncidentId}: phase {Phase} waits for the notices of phase {Earlier}")]
    public static partial void PhaseWaits(this ILogger logger, string incidentId, int phase, int earlier);
}
