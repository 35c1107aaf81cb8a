namespace BreachNotify.Functions.Incidents;

/// <summary>
/// One line of <c>GET /api/incidents</c> (and of the breach register). <see cref="UpdateDueAt"/>: while an update is
/// pending, the earliest due time of the parties it newly affects (null if it affects nobody new).
/// </summary>
public sealed record IncidentSummary(
    string Id, string Status, string? Verdict, DateTimeOffset AwareAt, string Title, DateTimeOffset? EarliestDueAt, int Customers, int Subprocessors, int Recipients,
    IReadOnlyList<BreachNotify.Incidents.IncidentPhase>? Phases = null, DateTimeOffset? UpdateDueAt = null);
