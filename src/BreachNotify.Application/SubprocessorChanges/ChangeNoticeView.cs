namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>
/// One notice of a change, per frozen recipient: its status (Pending until its send item creates its row), when it went,
/// when its customer's window closes, and the recipient's answer through the link.
/// </summary>
public sealed record ChangeNoticeView(
    string NoticeId,
    string RecipientId,
    string CustomerId,
    string Contact,
    string Email,
    string Locale,
    string Status,
    DateTimeOffset DueAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? WindowClosesAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ObjectedAt,
    string? ObjectedBy,
    DateTimeOffset? WithdrawalSentAt,
    int Reminders);
