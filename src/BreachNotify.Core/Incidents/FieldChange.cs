namespace BreachNotify.Incidents;

/// <summary>One field of the notified classification that changed: its name as the API spells it, before and after, as text.</summary>
public sealed record FieldChange(string Field, string Before, string After);
