namespace BreachNotify.Notices;

/// <summary>
/// One transition of a notice: its state before and after, what it came to, and what it owes. The store writes
/// <see cref="Next"/> only when it differs from <see cref="Previous"/> (a claimed alert changes the row while the
/// outcome stays <see cref="NoticeOutcome.Unchanged"/>).
/// </summary>
public sealed record NoticeTransition(Notice Previous, Notice Next, NoticeOutcome Outcome, NoticeEffects Effects = NoticeEffects.None)
{
    public bool Writes => Next != Previous;

    public bool Applied => Outcome == NoticeOutcome.Applied;

    public static NoticeTransition Unchanged(Notice notice) => new(notice, notice, NoticeOutcome.Unchanged);

    public static NoticeTransition Refused(Notice notice) => new(notice, notice, NoticeOutcome.Refused);

    public static NoticeTransition To(Notice previous, Notice next) => new(previous, next, NoticeOutcome.Applied);
}
