namespace BreachNotify.Functions.Incidents;

/// <summary>One line of <c>GET /api/incidents</c> (and of the breach register).</summary>
public sealed record IncidentSummary(
    string Id, string Status, string? Verdict, DateTimeOffset AwareAt, string Title, DateTimeOffset? EarliestDueAt, int Customers, int Subprocessors, int Recipients);
