namespace BreachNotify.Notices;

/// <summary>What the edge owes once a transition's new state is written.</summary>
[Flags]
public enum NoticeEffects
{
    None = 0,

    /// <summary>This write claims the commanders' alert of a bounced notice: the writer mails them, then records it.</summary>
    AlertCommandersOfBounce = 1,
}
