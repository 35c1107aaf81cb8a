namespace BreachNotify.Functions.Incidents;

public sealed record DecisionAnswer(string IncidentId, string Status, bool Changed);
