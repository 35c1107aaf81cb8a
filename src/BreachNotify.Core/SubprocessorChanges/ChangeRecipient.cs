namespace BreachNotify.SubprocessorChanges;

/// <summary>
/// One notice a change owes, frozen at approval: the customer, its contact, the language and the time it is due by.
/// <see cref="CustomerName"/> is the customer's name as the directory had it then (absent in approvals recorded before it was kept).
/// </summary>
public sealed record ChangeRecipient(string CustomerId, string ContactName, string Email, string Locale, DateTimeOffset DueAt, string? CustomerName = null);
