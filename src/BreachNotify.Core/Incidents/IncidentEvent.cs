using System.Text.Json.Serialization;

namespace BreachNotify.Incidents;

/// <summary>Something that happened to an incident: appended to its history, folded into its state, shown in its timeline.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(DetectionRecorded), "detectionRecorded")]
[JsonDerivedType(typeof(DetectionUpdated), "detectionUpdated")]
[JsonDerivedType(typeof(IncidentClassified), "classified")]
[JsonDerivedType(typeof(ApprovalRequested), "approvalRequested")]
[JsonDerivedType(typeof(IncidentApproved), "approved")]
[JsonDerivedType(typeof(IncidentRejected), "rejected")]
[JsonDerivedType(typeof(IncidentReclassified), "reclassified")]
[JsonDerivedType(typeof(DeadlineApproaching), "deadlineWarning")]
[JsonDerivedType(typeof(NoticeTextEdited), "noticeEdited")]
[JsonDerivedType(typeof(IncidentUpdatePending), "updatePending")]
[JsonDerivedType(typeof(IncidentUpdateApproved), "updateApproved")]
[JsonDerivedType(typeof(IncidentClosed), "closed")]
[JsonDerivedType(typeof(SeverityOverridden), "severityOverridden")]
public abstract record IncidentEvent(DateTimeOffset At, string Actor)
{
    /// <summary>The event's kind as the timeline shows it.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>One line for the timeline; ids and counts only, no personal data.</summary>
    public abstract string Describe();
}
