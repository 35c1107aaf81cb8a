namespace BreachNotify.OtherNotices;

/// <summary>The decision function's answer: the events to append, or a refusal. Empty means nothing to do.</summary>
public sealed record MatterStep(IReadOnlyList<MatterEvent> Events, MatterRefusal? Refusal = null)
{
    public static MatterStep Nothing { get; } = new([]);

    public bool IsNothing => Events.Count == 0 && Refusal is null;

    public static MatterStep Refuse(MatterRefusal refusal) => new([], refusal);

    public static MatterStep Of(params MatterEvent[] events) => new(events);
}
