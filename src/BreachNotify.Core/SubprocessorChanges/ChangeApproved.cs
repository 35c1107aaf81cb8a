using System.Text.Json.Serialization;

namespace BreachNotify.SubprocessorChanges;

/// <summary>
/// Approved: the windows run from now and the recipients are frozen. The decision function lists the recipients; the store
/// writes them as rows of their own and records only <see cref="Frozen"/> (<see cref="Recipients"/> then empty). An approval
/// recorded before that holds the list inline, and still reads.
/// </summary>
public sealed record ChangeApproved(
    DateTimeOffset At, string Actor, string? Comment, IReadOnlyList<ObjectionWindow> Windows, IReadOnlyList<ChangeRecipient> Recipients,
    BreachNotify.Notices.RecipientFreeze? Frozen = null)
    : SubprocessorChangeEvent(At, Actor)
{
    /// <summary>How many notices the approval owes, whether frozen in rows or inline.</summary>
    [JsonIgnore]
    public int RecipientCount => Frozen?.Count ?? Recipients.Count;

    [JsonIgnore]
    public override string Kind => "approved";

    public override string Describe() => $"approved: {RecipientCount} notices due";
}
