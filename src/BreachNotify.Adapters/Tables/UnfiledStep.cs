using BreachNotify.Incidents;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// The events and outbox entries of the step that created an incident, kept on its state row instead of rows of their
/// own, so that a new detection costs one single-entity write. The next write of the incident files them as history
/// and outbox rows in its transaction; the outbox sweep files those that wait too long.
/// </summary>
/// <param name="FirstSequence">The history sequence of the first event.</param>
public sealed record UnfiledStep(int FirstSequence, IReadOnlyList<IncidentEvent> Events, IReadOnlyList<OutboxEntry> Outbox);
