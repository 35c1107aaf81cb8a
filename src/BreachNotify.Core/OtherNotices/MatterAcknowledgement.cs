namespace BreachNotify.OtherNotices;

/// <summary>A customer's answer to its notice: <c>acknowledged</c>, or for a data-subject request <c>received-by-dpo</c>.</summary>
public sealed record MatterAcknowledgement(string CustomerId, AcknowledgementBasis Basis, DateTimeOffset At, string By);
