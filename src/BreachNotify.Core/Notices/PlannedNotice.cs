namespace BreachNotify.Notices;

public sealed record PlannedNotice(string NoticeId, int Batch, Recipient Recipient);
