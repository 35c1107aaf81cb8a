using System.Text.Json.Serialization;

namespace BreachNotify.SubprocessorChanges;

public sealed record ChangeRejected(DateTimeOffset At, string Actor, string? Comment) : SubprocessorChangeEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "rejected";

    public override string Describe() => "rejected";
}
