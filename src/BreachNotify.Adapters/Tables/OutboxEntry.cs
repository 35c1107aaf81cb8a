using BreachNotify.Incidents;

namespace BreachNotify.Adapters.Tables;

/// <summary>A command written with the events that asked for it; it stays until its handler completes it.</summary>
public sealed record OutboxEntry(string IncidentId, string RowKey, WorkflowCommand Command, DateTimeOffset RedispatchAt);
