namespace BreachNotify.OtherNotices;

/// <summary>
/// A legal prohibition on telling the customer (for example to keep an investigation confidential): nothing is sent while it
/// holds. It ends at <see cref="Until"/> (when known) or when a commander lifts it; <see cref="ReviewAt"/> reminds the commanders to re-check it.
/// </summary>
public sealed record LegalProhibition(string Basis, DateTimeOffset? Until, DateTimeOffset? ReviewAt);
