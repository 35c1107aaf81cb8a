namespace BreachNotify.Incidents;

public sealed record ScheduleTimer(TimerKind Timer, int Sequence, DateTimeOffset DueAt) : WorkflowCommand;
