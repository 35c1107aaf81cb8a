using System.Text.Json.Serialization;

namespace BreachNotify.SubprocessorChanges;

/// <summary>Approved: the windows run from now and the recipients are frozen.</summary>
public sealed record ChangeApproved(DateTimeOffset At, string Actor, string? Comment, IReadOnlyList<ObjectionWindow> Windows, IReadOnlyList<ChangeRecipient> Recipients)
    : SubprocessorChangeEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "approved";

    public override string Describe() => $"approved: {Recipients.Count} notices due";
}
