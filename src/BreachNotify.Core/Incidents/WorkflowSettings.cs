namespace BreachNotify.Incidents;

/// <summary>The workflow's timings, from <c>Workflow:*</c> configuration.</summary>
public sealed record WorkflowSettings(
    TimeSpan ApprovalEscalationInterval, TimeSpan AckReminderInterval, int MaxAckReminders, int FanOutBatchSize, TimeSpan DeadlineWarningLead)
{
    public static WorkflowSettings Default { get; } = new(TimeSpan.FromMinutes(30), TimeSpan.FromHours(4), 3, 100, TimeSpan.FromHours(4));
}
