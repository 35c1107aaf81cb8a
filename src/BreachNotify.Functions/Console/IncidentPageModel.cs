using BreachNotify.Functions.Incidents;
using BreachNotify.Incidents;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>What the incident page shows: the incident, its status as the enum, the last action's outcome and the notice editing.</summary>
public sealed record IncidentPageModel(IncidentView View, IncidentStatus Status, string? Message, bool Error, NoticeEditing? Editing)
{
    public static IncidentPageModel Of(IncidentView view, string? message, bool error, NoticeEditing? editing) =>
        new(view, Enum.Parse<IncidentStatus>(view.Status), message, error, editing);

    public DateTimeOffset? EarliestDue => View.Deadlines.Count == 0 ? null : View.Deadlines.Min(d => d.DueAt);

    /// <summary>Whether the due times still count down: while it waits, and once approved until every notice is sent.</summary>
    public bool CountsDown => Status == IncidentStatus.AwaitingDecision ||
        (Status == IncidentStatus.Approved && !(View.NoticeCounts.Total > 0 && View.NoticeCounts.Sent == View.NoticeCounts.Total));

    /// <summary>
    /// A Received incident is classified within moments; until then (or if its classification failed) a commander may
    /// still reclassify it by hand, but not approve or reject what nobody has classified.
    /// </summary>
    public bool Decides => Status is IncidentStatus.AwaitingDecision or IncidentStatus.NoBreach or IncidentStatus.Received;

    public bool Edits => Status == IncidentStatus.AwaitingDecision && Editing is not null;

    public bool ShowsProgress => Status == IncidentStatus.Approved || View.Notices.Count > 0;
}
