namespace BreachNotify.Functions.Incidents;

public sealed record AffectedView(IReadOnlyList<string> Customers, IReadOnlyList<string> Subprocessors);
