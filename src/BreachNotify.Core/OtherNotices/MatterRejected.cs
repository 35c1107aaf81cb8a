using System.Text.Json.Serialization;

namespace BreachNotify.OtherNotices;

public sealed record MatterRejected(DateTimeOffset At, string Actor, string? Comment) : MatterEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "rejected";

    public override string Describe() => "rejected: no notices";
}
