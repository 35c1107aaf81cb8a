namespace BreachNotify.Clocks;

public enum LimitKind
{
    Hours,
    CalendarDays,
    BusinessDays,

    /// <summary>"Without undue delay", "as soon as feasible", "immediately": no number in the law.</summary>
    Qualitative,
}
