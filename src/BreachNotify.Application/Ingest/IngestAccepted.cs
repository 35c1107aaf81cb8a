namespace BreachNotify.Application.Ingest;

/// <summary>The 202 answer for one detection: its incident, its id, and whether it was already known (a resend or an update).</summary>
public sealed record IngestAccepted(string IncidentId, string DetectionId, bool Duplicate, bool Updated);
