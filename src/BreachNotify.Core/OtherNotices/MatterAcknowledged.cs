using System.Text.Json.Serialization;

namespace BreachNotify.OtherNotices;

public sealed record MatterAcknowledged(DateTimeOffset At, string Actor, string CustomerId, AcknowledgementBasis Basis) : MatterEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "acknowledged";

    public override string Describe() => Basis == AcknowledgementBasis.ReceivedByDpo ? $"received by the DPO of {CustomerId}" : $"acknowledged by {CustomerId}";
}
