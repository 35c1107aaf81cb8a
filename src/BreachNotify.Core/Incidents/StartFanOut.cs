namespace BreachNotify.Incidents;

/// <summary>Create the approved incident's notice records and queue their batches for sending.</summary>
public sealed record StartFanOut : WorkflowCommand;
