using System.Text.Json.Serialization;

namespace BreachNotify.Incidents;

/// <summary>A commander closed the incident with its final report: the closing notice of phase <see cref="Phase"/> goes to every notified party.</summary>
public sealed record IncidentClosed(DateTimeOffset At, string Actor, string? Comment, int Phase, FinalReport Report) : IncidentEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "closed";

    public override string Describe() => $"closed: closing notices of phase {Phase}, data recovered: {(Report.DataRecovered is { } r ? (r ? "yes" : "no") : "not known")}";
}
