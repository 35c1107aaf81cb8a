using BreachNotify.Detections;

namespace BreachNotify.Incidents;

/// <summary>
/// The classification timer of detection revision <paramref name="Revision"/>, with the incident's detections read
/// from their own rows: the state keeps only their <see cref="DetectionSummary"/>, so it stays bounded.
/// </summary>
public sealed record ClassificationDue(int Revision, IReadOnlyList<NormalizedDetection> Detections) : WorkflowMessage;
