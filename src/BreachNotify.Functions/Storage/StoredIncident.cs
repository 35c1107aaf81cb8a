using Azure;
using BreachNotify.Incidents;

namespace BreachNotify.Functions.Storage;

/// <summary>An incident's state as read, with the ETag that guards the next write.</summary>
public sealed record StoredIncident(IncidentState State, ETag ETag);
