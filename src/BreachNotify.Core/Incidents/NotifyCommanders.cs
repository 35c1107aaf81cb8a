namespace BreachNotify.Incidents;

/// <summary>Mail the commanders that an incident waits for them; <see cref="Sequence"/> above zero is an escalation.</summary>
public sealed record NotifyCommanders(IReadOnlyList<string> CommanderIds, int Sequence) : WorkflowCommand;
