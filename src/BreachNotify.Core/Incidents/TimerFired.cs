namespace BreachNotify.Incidents;

public sealed record TimerFired(TimerKind Timer, int Sequence) : WorkflowMessage;
