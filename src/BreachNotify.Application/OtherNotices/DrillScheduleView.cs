namespace BreachNotify.Application.OtherNotices;

/// <summary>A drill schedule as the API answers it: the schedule and its next occurrence.</summary>
public sealed record DrillScheduleView(
    string Id, int EveryMonths, DateTimeOffset StartAt, IReadOnlyList<string> Customers, string Summary, bool AutoApprove, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset NextAt, string? UpdatedBy, DateTimeOffset? UpdatedAt)
{
    public static DrillScheduleView Of(DrillSchedule s, DateTimeOffset nextAt) =>
        new(s.Id, s.EveryMonths, s.StartAt, s.Customers, s.Summary, s.AutoApprove, s.CreatedBy, s.CreatedAt, nextAt, s.UpdatedBy, s.UpdatedAt);
}
