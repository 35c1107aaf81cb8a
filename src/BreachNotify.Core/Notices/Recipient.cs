using BreachNotify.Parties;

namespace BreachNotify.Notices;

/// <summary>
/// One contact of one affected party, or a customer's webhook (<see cref="Channel"/>; <see cref="Email"/> then holds
/// the URL): each gets its own notice. Fixed when the incident is classified.
/// </summary>
public sealed record Recipient(
    PartyKind Kind,
    string PartyId,
    string PartyName,
    int ContactIndex,
    string ContactName,
    string Email,
    string Locale,
    DateTimeOffset DueAt,
    RecipientChannel Channel = RecipientChannel.Email)
{
    /// <summary>What this recipient's notice is when it belongs to a later phase (a follow-up, the closing, a newly affected party's first notice); null in phase 0.</summary>
    public Incidents.PhaseNotice? Notice { get; init; }

    /// <summary>Stable across reclassification, so a contact is never notified twice under two ids.</summary>
    public string Key => Channel == RecipientChannel.Webhook
        ? $"{Kind.ToString().ToLowerInvariant()}:{PartyId}:webhook"
        : $"{Kind.ToString().ToLowerInvariant()}:{PartyId}:{ContactIndex}";
}
