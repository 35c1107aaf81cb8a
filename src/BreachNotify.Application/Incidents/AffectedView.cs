namespace BreachNotify.Application.Incidents;

public sealed record AffectedView(IReadOnlyList<string> Customers, IReadOnlyList<string> Subprocessors);
