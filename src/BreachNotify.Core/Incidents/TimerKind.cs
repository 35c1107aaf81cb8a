namespace BreachNotify.Incidents;

public enum TimerKind
{
    /// <summary>Asks the commanders to decide; each later firing escalates to the backup commanders.</summary>
    ApprovalRequest,

    /// <summary>A recipient's due time is near: commanders are warned unless every notice due then is acknowledged.</summary>
    DeadlineWarning,
}
