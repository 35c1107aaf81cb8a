using System.Text.Json.Serialization;

namespace BreachNotify.SubprocessorChanges;

public sealed record ConsentRecorded(DateTimeOffset At, string Actor, string CustomerId, ConsentBasis Basis) : SubprocessorChangeEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "consented";

    public override string Describe() => $"consent of {CustomerId}: {Basis}";
}
