using BreachNotify.Functions.Incidents;
using BreachNotify.Incidents;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>One incident in the queue: its summary, its status as the enum, and its notices' counts once approved.</summary>
public sealed record QueueRow(IncidentSummary Incident, IncidentStatus Status, NoticeCounts? Counts)
{
    public static QueueRow Of(IncidentSummary incident, IReadOnlyDictionary<string, NoticeCounts> progress) =>
        new(incident, Enum.Parse<IncidentStatus>(incident.Status), progress.GetValueOrDefault(incident.Id));

    /// <summary>Pending updates and incidents awaiting a decision: the parties already told are waiting.</summary>
    public bool Waiting => Status is IncidentStatus.UpdatePending or IncidentStatus.AwaitingDecision;

    public QueueRemaining Remaining => Status switch
    {
        IncidentStatus.UpdatePending => Incident.UpdateDueAt is null ? QueueRemaining.UpdatePending : QueueRemaining.UpdateCountdown,
        IncidentStatus.Rejected or IncidentStatus.NoBreach or IncidentStatus.Closed => QueueRemaining.Nothing,
        _ when Counts is { Total: > 0 } c && c.Sent == c.Total => QueueRemaining.AllSent,
        _ => QueueRemaining.Countdown,
    };
}
