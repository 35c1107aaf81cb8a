namespace BreachNotify.Detections;

public enum DetectionSeverity
{
    Unknown = 0,
    Informational = 1,
    Low = 2,
    Medium = 3,
    High = 4,
    Critical = 5,
}
