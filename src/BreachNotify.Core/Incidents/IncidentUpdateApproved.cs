using System.Text.Json.Serialization;
using BreachNotify.Notices;

namespace BreachNotify.Incidents;

/// <summary>A commander approved the follow-up of phase <see cref="Phase"/>: notices to the parties told before and to the newly affected.</summary>
/// <remarks><see cref="NewRecipients"/>: the newly affected parties' contacts as the directory had them at approval (null in events recorded before they were frozen).</remarks>
public sealed record IncidentUpdateApproved(DateTimeOffset At, string Actor, string? Comment, int Phase, IncidentChanges Changes, IReadOnlyList<Recipient>? NewRecipients = null)
    : IncidentEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "updateApproved";

    public override string Describe() => $"update approved: follow-up notices of phase {Phase}";
}
