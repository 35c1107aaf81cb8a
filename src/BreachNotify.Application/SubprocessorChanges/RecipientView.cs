namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>One notice owed, frozen at approval (sending it is not in this slice, so it has no status yet).</summary>
public sealed record RecipientView(string CustomerId, string Contact, string Email, string Locale, DateTimeOffset DueAt);
