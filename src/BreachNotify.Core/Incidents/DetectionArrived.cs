using BreachNotify.Detections;

namespace BreachNotify.Incidents;

public sealed record DetectionArrived(NormalizedDetection Detection) : WorkflowMessage;
