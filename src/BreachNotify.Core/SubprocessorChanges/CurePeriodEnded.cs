using System.Text.Json.Serialization;

namespace BreachNotify.SubprocessorChanges;

/// <summary>The cure period of an objection ended without an outcome: either side may now terminate; escalated to the privacy team.</summary>
public sealed record CurePeriodEnded(DateTimeOffset At, string Actor, string CustomerId) : SubprocessorChangeEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "cureEnded";

    public override string Describe() => $"cure period of {CustomerId} ended without an outcome: either side may terminate";
}
