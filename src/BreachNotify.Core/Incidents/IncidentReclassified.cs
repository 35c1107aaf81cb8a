using System.Text.Json.Serialization;
using BreachNotify.Classification;

namespace BreachNotify.Incidents;

/// <summary>A commander overrode the classification; the reason is part of the record.</summary>
public sealed record IncidentReclassified(DateTimeOffset At, string Actor, Verdict Verdict, string Reason) : IncidentEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "reclassified";

    public override string Describe() => $"reclassified as {Verdict}";
}
