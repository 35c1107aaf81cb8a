namespace BreachNotify.Clocks;

/// <summary>When one recipient must have heard, and the limit it came from (for example "contract: 48 h").</summary>
public sealed record DueTime(string RecipientId, DateTimeOffset DueAt, string Basis);
