namespace BreachNotify.Application.OtherNotices;

/// <summary>
/// One drill notice's outcome: <c>acknowledged</c> (when, by whom), <c>bounced</c> (when, why), <c>silent</c> (sent, no
/// answer) or <c>not-sent</c> (still going out, or failed).
/// </summary>
public sealed record DrillContactResult(
    string NoticeId, string ContactName, string Email, string Outcome, DateTimeOffset? SentAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy,
    DateTimeOffset? BouncedAt, string? BounceReason);
