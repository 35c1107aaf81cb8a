namespace BreachNotify.OtherNotices;

/// <summary>A customer a matter concerns, with the time its notice is due by.</summary>
public sealed record MatterCustomer(string CustomerId, DateTimeOffset DueAt);
