using BreachNotify.Parties;

namespace BreachNotify.Notices;

/// <summary>One contact of one affected party: each gets its own notice. Fixed when the incident is classified.</summary>
public sealed record Recipient(
    PartyKind Kind,
    string PartyId,
    string PartyName,
    int ContactIndex,
    string ContactName,
    string Email,
    string Locale,
    DateTimeOffset DueAt)
{
    /// <summary>Stable across reclassification, so a contact is never notified twice under two ids.</summary>
    public string Key => $"{Kind.ToString().ToLowerInvariant()}:{PartyId}:{ContactIndex}";
}
