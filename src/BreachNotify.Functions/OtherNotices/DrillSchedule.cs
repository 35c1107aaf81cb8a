namespace BreachNotify.Functions.OtherNotices;

/// <summary>
/// A contact drill recorded every <see cref="EveryMonths"/> calendar months from <see cref="StartAt"/> (each occurrence counted from
/// the start, so a month end does not drift), to <see cref="Customers"/> (empty: every customer). An occurrence waits for a
/// commander's approval like a drill recorded by hand, unless <see cref="AutoApprove"/>.
/// </summary>
public sealed record DrillSchedule(
    string Id, int EveryMonths, DateTimeOffset StartAt, IReadOnlyList<string> Customers, string Summary, bool AutoApprove, string CreatedBy, DateTimeOffset CreatedAt)
{
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
