using System.Text.Json.Serialization;

namespace BreachNotify.SubprocessorChanges;

/// <summary>The change reached its effective time while approved: the public list shows it as current from then.</summary>
public sealed record ChangeTookEffect(DateTimeOffset At, string Actor) : SubprocessorChangeEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "tookEffect";

    public override string Describe() => "took effect";
}
