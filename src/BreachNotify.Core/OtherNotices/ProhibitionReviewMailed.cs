using System.Text.Json.Serialization;

namespace BreachNotify.OtherNotices;

/// <summary>The commanders were mailed the review reminder (so a redelivered or re-swept work item mails nobody again).</summary>
public sealed record ProhibitionReviewMailed(DateTimeOffset At, string Actor, int Commanders) : MatterEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "prohibitionReviewMailed";

    public override string Describe() => $"prohibition review reminder mailed to {Commanders} commander(s)";
}
