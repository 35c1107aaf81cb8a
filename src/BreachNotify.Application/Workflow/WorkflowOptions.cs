using System.ComponentModel.DataAnnotations;
using BreachNotify.Incidents;

namespace BreachNotify.Application.Workflow;

/// <summary><c>Workflow:*</c> configuration: timers, batching and the queue workers.</summary>
public sealed class WorkflowOptions : IValidatableObject
{
    public const string Section = "Workflow";

    [SettingRange(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "must be a positive number of minutes")]
    public double ApprovalEscalationMinutes { get; set; } = 30;

    [SettingRange(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "must be a positive number of minutes")]
    public double AckReminderMinutes { get; set; } = 240;

    [SettingRange(0, 20, ErrorMessage = "must be between 0 and 20")]
    public int MaxAckReminders { get; set; } = 3;

    /// <summary>How long before each recipient's due time the commanders are warned if it is not yet met.</summary>
    [SettingRange(0d, double.MaxValue, ErrorMessage = "must not be negative")]
    public double DeadlineWarningMinutes { get; set; } = 240;

    /// <summary>Notices per storage batch: one entity-group transaction each (at most 100).</summary>
    [SettingRange(1, 100, ErrorMessage = "must be between 1 and 100 (one entity-group transaction)")]
    public int FanOutBatchSize { get; set; } = 100;

    /// <summary>
    /// Notices per send work item (a multiple of <see cref="FanOutBatchSize"/>, at most 1,000): its mail notices of any parties
    /// that share a template and language go out in one SendGrid request (within SendGrid:MaxRecipientsPerRequest and
    /// SendGrid:MaxRequestBytes), one request after another, each recorded before the next.
    /// </summary>
    public int SendBatchSize { get; set; } = 1000;

    /// <summary>How long a received message stays invisible; a crashed worker's message comes back after this.</summary>
    [SettingRange(1, 3600, ErrorMessage = "must be between 1 and 3600")]
    public int VisibilityTimeoutSeconds { get; set; } = 60;

    /// <summary>How long a notice marked "sending" is left to its worker before another may take it over.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = "must be at least 1")]
    public int SendLeaseSeconds { get; set; } = 90;

    /// <summary>A message received this many times without success goes to the dead-letter table.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = "must be at least 1")]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Messages handled at once by one standalone process.</summary>
    [SettingRange(1, 256, ErrorMessage = "must be between 1 and 256")]
    public int Concurrency { get; set; } = 16;

    /// <summary>
    /// Send work items one process runs at once (the others wait their turn, their queue messages kept hidden): each holds up
    /// to <see cref="SendBatchSize"/> notices and their requests, so this bounds a fan-out's memory whatever its size.
    /// </summary>
    [SettingRange(1, 256, ErrorMessage = "must be between 1 and 256")]
    public int MaxConcurrentSends { get; set; } = 8;

    [SettingRange(1, int.MaxValue, ErrorMessage = "must be at least 1")]
    public int SweepIntervalSeconds { get; set; } = 30;

    /// <summary>How long an outbox row may wait for its handler before the sweep sends it again.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = "must be at least 1")]
    public int RedispatchAfterSeconds { get; set; } = 120;

    /// <summary>How long a batch the provider did not take (5xx, timeout, open circuit) waits before it is tried again.</summary>
    [SettingRange(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "must be positive")]
    public double SendRetrySeconds { get; set; } = 10;

    /// <summary>
    /// The bounded total time: a notice the provider has kept refusing this long after its first attempt is marked failed
    /// and the commanders are told (a human must then reach the recipient another way).
    /// </summary>
    [SettingRange(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "must be positive")]
    public double SendGiveUpMinutes { get; set; } = 60;

    /// <summary>Standalone only: whether this process runs the queue workers and the sweep (off for ingest-only processes).</summary>
    public bool RunWorkers { get; set; } = true;

    public WorkflowSettings ToSettings() => new(
        TimeSpan.FromMinutes(ApprovalEscalationMinutes), TimeSpan.FromMinutes(AckReminderMinutes), MaxAckReminders, FanOutBatchSize,
        TimeSpan.FromMinutes(DeadlineWarningMinutes));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SendBatchSize is < 1 or > 1000 || (FanOutBatchSize > 0 && SendBatchSize % FanOutBatchSize != 0))
        {
            yield return new ValidationResult("must be between 1 and 1000 and a multiple of Workflow:FanOutBatchSize", [nameof(SendBatchSize)]);
        }
    }
}
