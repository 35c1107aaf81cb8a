using System.Text.Json.Serialization;

namespace BreachNotify.OtherNotices;

/// <summary>Approved: the recipients are frozen. <see cref="Held"/>: a legal prohibition holds, so nothing is sent yet.</summary>
public sealed record MatterApproved(DateTimeOffset At, string Actor, string? Comment, IReadOnlyList<MatterRecipient> Recipients, bool Held)
    : MatterEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "approved";

    public override string Describe() =>
        Held ? $"approved: {Recipients.Count} notices held under the legal prohibition; nothing is sent until it ends or is lifted"
        : $"approved: {Recipients.Count} notices due";
}
