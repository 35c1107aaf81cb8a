using System.Text.Json.Serialization;

namespace BreachNotify.SubprocessorChanges;

/// <summary>An objection still waits for its outcome: the privacy team (the commanders) is reminded, round <see cref="Round"/>.</summary>
public sealed record CureReminderDue(DateTimeOffset At, string Actor, string CustomerId, int Round, DateTimeOffset CureDeadline)
    : SubprocessorChangeEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "cureReminder";

    public override string Describe() => $"objection of {CustomerId} still without an outcome: reminder {Round}, cure period ends {CureDeadline:O}";
}
