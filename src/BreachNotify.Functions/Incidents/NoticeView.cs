namespace BreachNotify.Functions.Incidents;

public sealed record NoticeView(
    string NoticeId,
    string RecipientId,
    NoticeContactView Contact,
    string Channel,
    string Status,
    DateTimeOffset DueAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    int Attempts,
    int Reminders,
    string? LastError,
    int Sequence = 0);
