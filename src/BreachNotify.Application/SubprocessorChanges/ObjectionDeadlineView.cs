namespace BreachNotify.Application.SubprocessorChanges;

public sealed record ObjectionDeadlineView(string CustomerId, DateTimeOffset NoticeSentBy, DateTimeOffset ObjectByAt, int NoticeDays, int ObjectionDays);
