namespace BreachNotify.Application.Incidents;

/// <summary>
/// One notice as the incident JSON shows it: <see cref="Sequence"/> is its phase (0 the first notices, 1.. follow-ups and the
/// closing), <see cref="Kind"/> what it is (<c>initial</c>, <c>followUp</c>, <c>closing</c>), <see cref="RefersTo"/> the notice a
/// follow-up or closing follows (its recipient's first notice).
/// </summary>
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
    int Sequence = 0,
    string Kind = "initial",
    string? RefersTo = null);
