using System.Text.Json.Serialization;

namespace BreachNotify.Incidents;

public sealed record IncidentRejected(DateTimeOffset At, string Actor, string? Comment) : IncidentEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "rejected";

    public override string Describe() => "rejected: no notices will be sent";
}
