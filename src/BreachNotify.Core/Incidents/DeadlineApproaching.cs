namespace BreachNotify.Incidents;

/// <summary>A due time is near: the commanders were warned about the parties due then.</summary>
public sealed record DeadlineApproaching(DateTimeOffset At, string Actor, int Sequence, DateTimeOffset DueAt, IReadOnlyList<string> PartyIds) : IncidentEvent(At, Actor)
{
    public override string Kind => "deadlineWarning";

    public override string Describe() =>
        $"due {DueAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC for {string.Join(", ", PartyIds)}: commanders warned";
}
