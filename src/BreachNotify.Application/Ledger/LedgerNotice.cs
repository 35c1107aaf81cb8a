namespace BreachNotify.Application.Ledger;

/// <summary>One notice a customer's contact was sent for a register entry, and where it stands (from the matter's own notice row).</summary>
public sealed record LedgerNotice(
    string NoticeId, string ContactName, string Email, string Status, DateTimeOffset? SentAt, DateTimeOffset? DeliveredAt, DateTimeOffset? BouncedAt,
    DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy);
