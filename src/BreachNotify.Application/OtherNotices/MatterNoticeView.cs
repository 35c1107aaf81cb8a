namespace BreachNotify.Application.OtherNotices;

/// <summary>One notice of a matter, per frozen recipient: its status (Pending until its send item created its row, and while a prohibition holds).</summary>
public sealed record MatterNoticeView(
    string NoticeId, string RecipientId, string CustomerId, string Contact, string Email, string Locale, string Status, DateTimeOffset DueAt,
    DateTimeOffset? SentAt, DateTimeOffset? DeliveredAt, DateTimeOffset? BouncedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, int Reminders);
