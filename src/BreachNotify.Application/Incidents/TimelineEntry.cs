namespace BreachNotify.Application.Incidents;

public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Actor, string Detail);
