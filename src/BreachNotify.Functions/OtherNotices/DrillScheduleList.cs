namespace BreachNotify.Functions.OtherNotices;

public sealed record DrillScheduleList(IReadOnlyList<DrillScheduleView> Items);
