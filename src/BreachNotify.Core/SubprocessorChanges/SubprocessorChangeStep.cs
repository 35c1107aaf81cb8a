namespace BreachNotify.SubprocessorChanges;

/// <summary>The decision function's answer: the events to append, or a refusal. Empty means nothing to do.</summary>
public sealed record SubprocessorChangeStep(IReadOnlyList<SubprocessorChangeEvent> Events, ChangeRefusal? Refusal = null)
{
    public static SubprocessorChangeStep Nothing { get; } = new([]);

    public bool IsNothing => Events.Count == 0 && Refusal is null;

    public static SubprocessorChangeStep Refuse(ChangeRefusal refusal) => new([], refusal);

    public static SubprocessorChangeStep Of(SubprocessorChangeEvent e) => new([e]);
}
