namespace BreachNotify.Application.OtherNotices;

/// <summary>What a commander asks of a drill schedule (its creation or its edit: the same fields, the same checks).</summary>
public sealed record DrillScheduleRequest(int EveryMonths, DateTimeOffset StartAt, IReadOnlyList<string> Customers, string Summary, bool AutoApprove);
