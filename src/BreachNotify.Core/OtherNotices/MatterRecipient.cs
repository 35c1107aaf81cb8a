namespace BreachNotify.OtherNotices;

/// <summary>One notice a matter owes, frozen at approval: the customer (and its name then), the contact, its language and due time.</summary>
public sealed record MatterRecipient(string CustomerId, string CustomerName, string ContactName, string Email, string Locale, DateTimeOffset DueAt);
