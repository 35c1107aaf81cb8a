using System.Text.Json.Serialization;

namespace BreachNotify.Incidents;

/// <summary>A commander approved the follow-up of phase <see cref="Phase"/>: notices to the parties told before and to the newly affected.</summary>
public sealed record IncidentUpdateApproved(DateTimeOffset At, string Actor, string? Comment, int Phase, IncidentChanges Changes) : IncidentEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "updateApproved";

    public override string Describe() => $"update approved: follow-up notices of phase {Phase}";
}
