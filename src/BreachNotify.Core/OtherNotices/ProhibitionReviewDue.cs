using System.Text.Json.Serialization;

namespace BreachNotify.OtherNotices;

/// <summary>The prohibition's review date came: the commanders are reminded to re-check whether it still holds.</summary>
public sealed record ProhibitionReviewDue(DateTimeOffset At, string Actor, DateTimeOffset ReviewAt) : MatterEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "prohibitionReviewDue";

    public override string Describe() => $"prohibition review due ({ReviewAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC): commanders reminded to re-check it";
}
