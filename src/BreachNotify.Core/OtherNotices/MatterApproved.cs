using System.Text.Json.Serialization;

namespace BreachNotify.OtherNotices;

/// <summary>
/// Approved: the recipients are frozen. <see cref="Held"/>: a legal prohibition holds, so nothing is sent yet. The decision
/// function lists the recipients; the store writes them as rows of their own and records only <see cref="Frozen"/>
/// (<see cref="Recipients"/> then empty). An approval recorded before that holds the list inline, and still reads.
/// </summary>
public sealed record MatterApproved(
    DateTimeOffset At, string Actor, string? Comment, IReadOnlyList<MatterRecipient> Recipients, bool Held, BreachNotify.Notices.RecipientFreeze? Frozen = null)
    : MatterEvent(At, Actor)
{
    /// <summary>How many notices the approval owes, whether frozen in rows or inline.</summary>
    [JsonIgnore]
    public int RecipientCount => Frozen?.Count ?? Recipients.Count;

    [JsonIgnore]
    public override string Kind => "approved";

    public override string Describe() =>
        Held ? $"approved: {RecipientCount} notices held under the legal prohibition; nothing is sent until it ends or is lifted"
        : $"approved: {RecipientCount} notices due";
}
