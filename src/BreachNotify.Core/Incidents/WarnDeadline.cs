namespace BreachNotify.Incidents;

/// <summary>Warn the commanders that the parties' due time is near, unless all their notices are acknowledged by then.</summary>
public sealed record WarnDeadline(int Sequence, DateTimeOffset DueAt, IReadOnlyList<string> PartyIds) : WorkflowCommand;
