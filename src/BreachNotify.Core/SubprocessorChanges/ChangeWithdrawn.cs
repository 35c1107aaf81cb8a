using System.Text.Json.Serialization;

namespace BreachNotify.SubprocessorChanges;

/// <summary>Withdrawn; <see cref="AfterApproval"/> means the customers were told and are owed a withdrawal notice.</summary>
public sealed record ChangeWithdrawn(DateTimeOffset At, string Actor, string? Comment, bool AfterApproval) : SubprocessorChangeEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "withdrawn";

    public override string Describe() => AfterApproval ? "withdrawn after approval: withdrawal notices owed" : "withdrawn";
}
