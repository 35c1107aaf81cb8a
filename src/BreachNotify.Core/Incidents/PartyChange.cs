using BreachNotify.Parties;

namespace BreachNotify.Incidents;

/// <summary>A party whose being affected changed since the notices went out.</summary>
public sealed record PartyChange(PartyKind Kind, string PartyId, PartyChangeKind Change);
