namespace BreachNotify.Application.OtherNotices;

/// <summary>The answer to <c>POST /api/matters</c>: the customers concerned and the earliest due time.</summary>
public sealed record MatterCreatedAnswer(string Id, string Status, IReadOnlyList<string> Customers, DateTimeOffset? DueAt);
