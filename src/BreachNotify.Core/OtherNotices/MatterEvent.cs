using System.Text.Json.Serialization;

namespace BreachNotify.OtherNotices;

/// <summary>Something that happened to a matter: appended to its history (the timeline), folded into its state.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(MatterReceived), "received")]
[JsonDerivedType(typeof(MatterApproved), "approved")]
[JsonDerivedType(typeof(MatterRejected), "rejected")]
[JsonDerivedType(typeof(ProhibitionLifted), "prohibitionLifted")]
[JsonDerivedType(typeof(ProhibitionReviewDue), "prohibitionReviewDue")]
[JsonDerivedType(typeof(ProhibitionReviewMailed), "prohibitionReviewMailed")]
[JsonDerivedType(typeof(WaiverEffortRecorded), "waiverEffort")]
[JsonDerivedType(typeof(MatterAcknowledged), "acknowledged")]
[JsonDerivedType(typeof(ProhibitionReviewRescheduled), "prohibitionReviewRescheduled")]
public abstract record MatterEvent(DateTimeOffset At, string Actor) : ITimelineEvent
{
    /// <summary>The event's kind as the timeline shows it.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>One line for the timeline; ids, counts and times only, no personal data.</summary>
    public abstract string Describe();
}
