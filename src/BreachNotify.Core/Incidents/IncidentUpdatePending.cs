using System.Text.Json.Serialization;

namespace BreachNotify.Incidents;

/// <summary>An approved incident's classification changed what its notices say: commanders must approve a follow-up.</summary>
public sealed record IncidentUpdatePending(DateTimeOffset At, string Actor, IncidentChanges Changes) : IncidentEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "updatePending";

    public override string Describe() => Changes.IsEmpty
        ? "update no longer pending: the classification is back to what the parties were told"
        : $"update pending: {Changes.Fields.Count} fields changed ({string.Join(", ", Changes.Fields.Select(f => f.Field))}), " +
        $"{Changes.Parties.Count(p => p.Change == PartyChangeKind.NewlyAffected)} parties newly affected, " +
        $"{Changes.Parties.Count(p => p.Change == PartyChangeKind.NoLongerAffected)} no longer affected";
}
