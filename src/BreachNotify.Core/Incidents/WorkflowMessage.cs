namespace BreachNotify.Incidents;

/// <summary>What reaches an incident's decision function: a detection, a commander's decision, or a timer.</summary>
public abstract record WorkflowMessage;
