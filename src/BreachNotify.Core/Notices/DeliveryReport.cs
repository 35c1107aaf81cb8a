namespace BreachNotify.Notices;

/// <summary>One delivery event about one notice, as the provider reported it (its time, when it gave one).</summary>
public sealed record DeliveryReport(DeliveryEventKind Kind, DateTimeOffset? At, string? Reason = null, string? BounceType = null);
