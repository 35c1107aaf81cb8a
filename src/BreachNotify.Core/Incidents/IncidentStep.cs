namespace BreachNotify.Incidents;

/// <summary>
/// The decision function's answer: the events to append and the commands to carry out, or a refusal
/// (an expected outcome, such as deciding an incident that is already decided). Empty means nothing to do.
/// </summary>
public sealed record IncidentStep(IReadOnlyList<IncidentEvent> Events, IReadOnlyList<WorkflowCommand> Commands, string? Refusal = null)
{
    public static IncidentStep Nothing { get; } = new([], []);

    public bool IsNothing => Events.Count == 0 && Commands.Count == 0 && Refusal is null;

    public static IncidentStep Refuse(string reason) => new([], [], reason);
}
