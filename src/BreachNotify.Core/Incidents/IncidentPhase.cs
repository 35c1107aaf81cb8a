namespace BreachNotify.Incidents;

/// <summary>One round of notices the commanders approved: its sequence (0 the first), kind, when and by whom, and what changed.</summary>
public sealed record IncidentPhase(int Sequence, PhaseKind Kind, DateTimeOffset ApprovedAt, string ApprovedBy, IncidentChanges? Changes = null);
