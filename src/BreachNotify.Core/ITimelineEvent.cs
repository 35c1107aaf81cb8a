namespace BreachNotify;

/// <summary>What a matter's history row shows of an event, whatever the kind: the timeline's columns.</summary>
public interface ITimelineEvent
{
    DateTimeOffset At { get; }

    string Actor { get; }

    string Kind { get; }

    /// <summary>One line for the timeline; ids, counts and times only, no personal data.</summary>
    string Describe();
}
