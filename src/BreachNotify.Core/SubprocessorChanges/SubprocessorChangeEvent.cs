using System.Text.Json.Serialization;

namespace BreachNotify.SubprocessorChanges;

/// <summary>Something that happened to a sub-processor change: appended to its history, folded into its state.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(ChangeAnnounced), "announced")]
[JsonDerivedType(typeof(ChangeApproved), "approved")]
[JsonDerivedType(typeof(ChangeRejected), "rejected")]
[JsonDerivedType(typeof(ChangeWithdrawn), "withdrawn")]
[JsonDerivedType(typeof(ObjectionRecorded), "objected")]
[JsonDerivedType(typeof(ObjectionOutcomeRecorded), "objectionOutcome")]
[JsonDerivedType(typeof(ConsentRecorded), "consented")]
[JsonDerivedType(typeof(CureReminderDue), "cureReminder")]
[JsonDerivedType(typeof(CurePeriodEnded), "cureEnded")]
[JsonDerivedType(typeof(ChangeTookEffect), "tookEffect")]
[JsonDerivedType(typeof(NoticeDeadlinePassed), "noticeDeadline")]
public abstract record SubprocessorChangeEvent(DateTimeOffset At, string Actor) : ITimelineEvent
{
    /// <summary>The event's kind as the timeline shows it.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>One line for the timeline; ids and counts only, no personal data.</summary>
    public abstract string Describe();
}
