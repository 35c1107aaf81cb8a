namespace BreachNotify.Incidents;

public sealed record IncidentApproved(DateTimeOffset At, string Actor, string? Comment, int NoticeCount) : IncidentEvent(At, Actor)
{
    public override string Kind => "approved";

    public override string Describe() => $"approved: {NoticeCount} notices to send";
}
