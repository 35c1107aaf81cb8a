namespace BreachNotify.SubprocessorChanges;

/// <summary>One notice a change owes, frozen at approval: the customer, its contact, the language and the time it is due by.</summary>
public sealed record ChangeRecipient(string CustomerId, string ContactName, string Email, string Locale, DateTimeOffset DueAt);
