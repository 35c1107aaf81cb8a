namespace BreachNotify.Incidents;

public enum TimerKind
{
    /// <summary>Asks the commanders to decide; each later firing escalates to the backup commanders.</summary>
    ApprovalRequest,
}
