using System.Text.Json.Serialization;

namespace BreachNotify.OtherNotices;

/// <summary>A commander's effort to have the prohibition waived; its text is on the timeline.</summary>
public sealed record WaiverEffortRecorded(DateTimeOffset At, string Actor, string Text) : MatterEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "waiverEffort";

    public override string Describe() => $"waiver effort: {Text}";
}
