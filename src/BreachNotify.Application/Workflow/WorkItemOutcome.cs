namespace BreachNotify.Application.Workflow;

public enum WorkItemOutcome
{
    /// <summary>Done, re-queued for later, or dead-lettered: the message can go.</summary>
    Finished,

    /// <summary>Failed: let the queue deliver it again.</summary>
    Failed,
}
