namespace BreachNotify.Application.Incidents;

public sealed record DecisionAnswer(string IncidentId, string Status, bool Changed);
