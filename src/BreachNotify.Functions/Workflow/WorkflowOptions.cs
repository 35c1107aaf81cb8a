using BreachNotify.Incidents;

namespace BreachNotify.Functions.Workflow;

/// <summary><c>Workflow:*</c> configuration: timers, batching and the queue workers.</summary>
public sealed class WorkflowOptions
{
    public double ApprovalEscalationMinutes { get; set; } = 30;

    public double AckReminderMinutes { get; set; } = 240;

    public int MaxAckReminders { get; set; } = 3;

    /// <summary>How long before each recipient's due time the commanders are warned if it is not yet met.</summary>
    public double DeadlineWarningMinutes { get; set; } = 240;

    /// <summary>Notices per storage batch: one entity-group transaction each (at most 100).</summary>
    public int FanOutBatchSize { get; set; } = 100;

    /// <summary>
    /// Notices per send work item (a multiple of <see cref="FanOutBatchSize"/>, at most 1,000): its mail notices of any parties
    /// that share a template and language go out in one SendGrid request (within SendGrid:MaxRecipientsPerRequest and
    /// SendGrid:MaxRequestBytes), one request after another, each recorded before the next.
    /// </summary>
    public int SendBatchSize { get; set; } = 1000;

    /// <summary>How long a received message stays invisible; a crashed worker's message comes back after this.</summary>
    public int VisibilityTimeoutSeconds { get; set; } = 60;

    /// <summary>How long a notice marked "sending" is left to its worker before another may take it over.</summary>
    public int SendLeaseSeconds { get; set; } = 90;

    /// <summary>A message received this many times without success goes to the dead-letter table.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Messages handled at once by one standalone process.</summary>
    public int Concurrency { get; set; } = 16;

    public int SweepIntervalSeconds { get; set; } = 30;

    /// <summary>How long an outbox row may wait for its handler before the sweep sends it again.</summary>
    public int RedispatchAfterSeconds { get; set; } = 120;

    /// <summary>How long a batch the provider did not take (5xx, timeout, open circuit) waits before it is tried again.</summary>
    public double SendRetrySeconds { get; set; } = 10;

    /// <summary>
    /// The bounded total time: a notice the provider has kept refusing this long after its first attempt is marked failed
    /// and the commanders are told (a human must then reach the recipient another way).
    /// </summary>
    public double SendGiveUpMinutes { get; set; } = 60;

    /// <summary>Standalone only: whether this process runs the queue workers and the sweep (off for ingest-only processes).</summary>
    public bool RunWorkers { get; set; } = true;

    public WorkflowSettings ToSettings() => new(
        TimeSpan.FromMinutes(ApprovalEscalationMinutes), TimeSpan.FromMinutes(AckReminderMinutes), MaxAckReminders, FanOutBatchSize,
        TimeSpan.FromMinutes(DeadlineWarningMinutes));

    public IEnumerable<string> Problems()
    {
        if (ApprovalEscalationMinutes <= 0)
        {
            yield return "Workflow:ApprovalEscalationMinutes: must be a positive number of minutes";
        }

        if (AckReminderMinutes <= 0)
        {
            yield return "Workflow:AckReminderMinutes: must be a positive number of minutes";
        }

        if (DeadlineWarningMinutes < 0)
        {
            yield return "Workflow:DeadlineWarningMinutes: must not be negative";
        }

        if (MaxAckReminders is < 0 or > 20)
        {
            yield return "Workflow:MaxAckReminders: must be between 0 and 20";
        }

        if (FanOutBatchSize is < 1 or > 100)
        {
            yield return "Workflow:FanOutBatchSize: must be between 1 and 100 (one entity-group transaction)";
        }

        if (SendBatchSize is < 1 or > 1000 || (FanOutBatchSize > 0 && SendBatchSize % FanOutBatchSize != 0))
        {
            yield return "Workflow:SendBatchSize: must be between 1 and 1000 and a multiple of Workflow:FanOutBatchSize";
        }

        if (VisibilityTimeoutSeconds is < 1 or > 3600)
        {
            yield return "Workflow:VisibilityTimeoutSeconds: must be between 1 and 3600";
        }

        if (SendLeaseSeconds < 1)
        {
            yield return "Workflow:SendLeaseSeconds: must be at least 1";
        }

        if (MaxDequeueCount < 1)
        {
            yield return "Workflow:MaxDequeueCount: must be at least 1";
        }

        if (Concurrency is < 1 or > 256)
        {
            yield return "Workflow:Concurrency: must be between 1 and 256";
        }

        if (SendRetrySeconds <= 0 || SendGiveUpMinutes <= 0)
        {
            yield return "Workflow:SendRetrySeconds and Workflow:SendGiveUpMinutes: must be positive";
        }

        if (SweepIntervalSeconds < 1 || RedispatchAfterSeconds < 1)
        {
            yield return "Workflow:SweepIntervalSeconds and Workflow:RedispatchAfterSeconds: must be at least 1";
        }
    }
}
