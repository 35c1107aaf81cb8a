using System.Text.Json.Serialization;

namespace BreachNotify.OtherNotices;

/// <summary>The legal prohibition no longer holds: lifted by a commander, or ended at its date (actor <c>system</c>).</summary>
public sealed record ProhibitionLifted(DateTimeOffset At, string Actor, bool Ended, string? Comment) : MatterEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "prohibitionLifted";

    public override string Describe() => Ended ? "prohibition ended at its end date" : "prohibition lifted by a commander";
}
