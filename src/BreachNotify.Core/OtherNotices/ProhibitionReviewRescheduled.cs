using System.Text.Json.Serialization;

namespace BreachNotify.OtherNotices;

/// <summary>A commander set the prohibition's next review date: its reminder is owed again, at that date.</summary>
public sealed record ProhibitionReviewRescheduled(DateTimeOffset At, string Actor, DateTimeOffset ReviewAt, string? Comment) : MatterEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "prohibitionReviewRescheduled";

    public override string Describe() => $"prohibition review set for {ReviewAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC: commanders will be reminded again then";
}
