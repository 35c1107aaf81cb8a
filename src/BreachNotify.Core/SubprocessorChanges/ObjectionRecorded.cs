using System.Text.Json.Serialization;

namespace BreachNotify.SubprocessorChanges;

public sealed record ObjectionRecorded(DateTimeOffset At, string Actor, string CustomerId, string Reason, DateTimeOffset CureDeadline)
    : SubprocessorChangeEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "objected";

    public override string Describe() => $"objection from {CustomerId}";
}
