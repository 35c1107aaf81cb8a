using BreachNotify.Parties;

namespace BreachNotify.Clocks;

/// <summary>Each recipient's due time (its contractual limit, or the processor default) and the statutory clocks shown as context.</summary>
public sealed class DeadlineCalculator(ProcessorDirectory directory)
{
    public IReadOnlyList<DueTime> DueTimes(DateTimeOffset awareAt, IEnumerable<string> customerIds, IEnumerable<string> subprocessorIds)
    {
        var fallback = directory.Processor.DefaultNoticeLimitHours;
        var due = new List<DueTime>();
        foreach (var id in customerIds)
        {
            due.Add(Due(awareAt, id, directory.Customer(id)?.NoticeLimitHours, fallback));
        }

        foreach (var id in subprocessorIds)
        {
            due.Add(Due(awareAt, id, directory.Subprocessor(id)?.NoticeLimitHours, fallback));
        }

        return due;
    }

    public IReadOnlyList<StatutoryClock> StatutoryClocks(DateTimeOffset awareAt, IEnumerable<string> customerIds)
    {
        var clocks = new List<StatutoryClock>();
        foreach (var customer in customerIds.Select(directory.Customer).OfType<Customer>())
        {
            foreach (var regime in customer.Jurisdictions.SelectMany(StatutoryRegimes.For))
            {
                clocks.Add(new StatutoryClock(customer.Id, regime.Name, regime.WhoTellsWhom, regime.LimitText, DueAt(awareAt, regime), regime.ClockStarts, regime.Level));
            }
        }

        return clocks;
    }

    public static DateTimeOffset? DueAt(DateTimeOffset start, StatutoryRegime regime) => regime.Kind switch
    {
        LimitKind.Hours => start.AddHours(regime.Amount),
        LimitKind.CalendarDays => start.AddDays(regime.Amount),
        LimitKind.BusinessDays => AddBusinessDays(start, regime.Amount),
        _ => null,
    };

    /// <summary>Weekdays only; public holidays of each jurisdiction are not modelled (said in the README).</summary>
    public static DateTimeOffset AddBusinessDays(DateTimeOffset start, int days)
    {
        var at = start;
        while (days > 0)
        {
            at = at.AddDays(1);
            if (at.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                days--;
            }
        }

        return at;
    }

    private static DueTime Due(DateTimeOffset awareAt, string id, int? contractHours, int fallbackHours) =>
        contractHours is { } hours
            ? new DueTime(id, awareAt.AddHours(hours), $"contract: {hours} h")
            : new DueTime(id, awareAt.AddHours(fallbackHours), $"processor default: {fallbackHours} h");
}
