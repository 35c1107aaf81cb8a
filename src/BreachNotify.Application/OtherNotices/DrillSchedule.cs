namespace BreachNotify.Application.OtherNotices;

/// <summary>
/// A contact drill recorded every <see cref="EveryMonths"/> calendar months from <see cref="StartAt"/> (each occurrence counted from
/// the start, so a month end does not drift), to <see cref="Customers"/> (empty: every customer). An occurrence waits for a
/// commander's approval like a drill recorded by hand, unless <see cref="AutoApprove"/>. <see cref="UpdatedBy"/> and
/// <see cref="UpdatedAt"/>: its last edit (absent: never edited).
/// </summary>
public sealed record DrillSchedule(
    string Id, int EveryMonths, DateTimeOffset StartAt, IReadOnlyList<string> Customers, string Summary, bool AutoApprove, string CreatedBy, DateTimeOffset CreatedAt,
    string? UpdatedBy = null, DateTimeOffset? UpdatedAt = null)
{
    /// <summary>
    /// When an edited schedule next records a drill: unchanged if its timing (start, interval) is; else its first occurrence
    /// after <paramref name="now"/> (or its start, if that is to come). An edit never records a drill at once.
    /// </summary>
    public DateTimeOffset NextAfterEdit(DrillSchedule before, DateTimeOffset currentNext, DateTimeOffset now) =>
        before.EveryMonths == EveryMonths && before.StartAt == StartAt ? currentNext
        : StartAt > now ? StartAt
        : Occurrence(LatestDue(now) + 1);

    public DateTimeOffset Occurrence(int index) => StartAt.AddMonths(index * EveryMonths);

    /// <summary>The index of the latest occurrence due by <paramref name="now"/> (0 when none is: the first).</summary>
    public int LatestDue(DateTimeOffset now)
    {
        var index = 0;
        while (Occurrence(index + 1) <= now)
        {
            index++;
        }

        return index;
    }
}
