using System.Text.Json.Serialization;

namespace BreachNotify.SubprocessorChanges;

/// <summary>A commander announced the change; <see cref="Windows"/> holds each concerned customer's terms.</summary>
public sealed record ChangeAnnounced(DateTimeOffset At, string Actor, SubprocessorChange Change, IReadOnlyList<ObjectionWindow> Windows, int RecipientCount)
    : SubprocessorChangeEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "announced";

    public override string Describe() =>
        $"announced: {Change.Kind.ToString().ToLowerInvariant()} {Change.Subprocessor.Id}, {Windows.Count} customers, {RecipientCount} notices";
}
