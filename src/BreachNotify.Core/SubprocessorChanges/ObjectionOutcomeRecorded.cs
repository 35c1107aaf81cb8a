using System.Text.Json.Serialization;

namespace BreachNotify.SubprocessorChanges;

public sealed record ObjectionOutcomeRecorded(DateTimeOffset At, string Actor, string CustomerId, ObjectionOutcome Outcome, string? Comment)
    : SubprocessorChangeEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "objectionOutcome";

    public override string Describe() => $"objection of {CustomerId}: {Outcome}";
}
