namespace BreachNotify.SubprocessorChanges;

/// <summary>
/// The go-live gate: a change may take effect only when a notice sent at <c>sentAt</c> gives every concerned customer
/// the days its contract asks for. Refuses with the earliest effective time that would, and the customers shorted.
/// </summary>
public static class NoticeGate
{
    public static ChangeRefusal? Check(IReadOnlyList<ObjectionWindow> windows, DateTimeOffset effectiveAt, DateTimeOffset sentAt)
    {
        var shorted = windows.Where(w => !w.GivesNoticeAt(sentAt)).Select(w => w.CustomerId).ToList();
        if (shorted.Count == 0)
        {
            return null;
        }

        var earliest = sentAt.AddDays(windows.Max(w => w.NoticeDays));
        return new ChangeRefusal(
            RefusalKind.TooLittleNotice,
            $"effectiveAt {effectiveAt:O} gives {shorted.Count} customers less notice than their contracts; the earliest allowed is {earliest:O}",
            "effectiveAt",
            earliest,
            shorted);
    }
}
