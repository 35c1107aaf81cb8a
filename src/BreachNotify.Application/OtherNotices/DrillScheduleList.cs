namespace BreachNotify.Application.OtherNotices;

public sealed record DrillScheduleList(IReadOnlyList<DrillScheduleView> Items);
