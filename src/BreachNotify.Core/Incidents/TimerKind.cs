namespace BreachNotify.Incidents;

public enum TimerKind
{
    /// <summary>Asks the commanders to decide; each later firing escalates to the backup commanders.</summary>
    ApprovalRequest,

    /// <summary>A recipient's due time is near: commanders are warned unless every notice due then is acknowledged.</summary>
    DeadlineWarning,

    /// <summary>
    /// Classify the detections as they stand: due at once after each detection that changes them. Ingest only records
    /// (two writes before the 202); the worker classifies, so a slow or failing classification never refuses a detection.
    /// </summary>
    Classification,
}
