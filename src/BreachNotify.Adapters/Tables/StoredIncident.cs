using Azure;
using BreachNotify.Incidents;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// An incident's state as read, with the ETag that guards the next write and the creating step's events and outbox
/// entries when they are still on the state row (<see cref="UnfiledStep"/>).
/// </summary>
public sealed record StoredIncident(IncidentState State, ETag ETag, UnfiledStep? Unfiled = null);
