namespace BreachNotify.Application.OtherNotices;

/// <summary>A customer the matter concerns, when its notice is due, and its answer (<c>acknowledged</c> or <c>received-by-dpo</c>).</summary>
public sealed record MatterCustomerView(string CustomerId, DateTimeOffset DueAt, string? Answer, DateTimeOffset? AnsweredAt);
