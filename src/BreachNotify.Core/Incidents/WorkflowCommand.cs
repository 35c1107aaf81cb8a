using System.Text.Json.Serialization;

namespace BreachNotify.Incidents;

/// <summary>Work the decision function asks for. Written to the outbox with the events, then carried out by a handler.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "command")]
[JsonDerivedType(typeof(ScheduleTimer), "scheduleTimer")]
[JsonDerivedType(typeof(NotifyCommanders), "notifyCommanders")]
[JsonDerivedType(typeof(StartFanOut), "startFanOut")]
[JsonDerivedType(typeof(WarnDeadline), "warnDeadline")]
public abstract record WorkflowCommand;
