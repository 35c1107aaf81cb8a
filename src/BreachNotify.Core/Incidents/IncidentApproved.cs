using System.Text.Json.Serialization;

namespace BreachNotify.Incidents;

public sealed record IncidentApproved(DateTimeOffset At, string Actor, string? Comment, int NoticeCount) : IncidentEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "approved";

    public override string Describe() => $"approved: {NoticeCount} notices to send";
}
