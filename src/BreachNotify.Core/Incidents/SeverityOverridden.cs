using System.Text.Json.Serialization;
using BreachNotify.Severity;

namespace BreachNotify.Incidents;

/// <summary>A commander set ENISA inputs instead of those derived from the classification (the controller packs use them); the reason is the comment.</summary>
public sealed record SeverityOverridden(DateTimeOffset At, string Actor, string? Comment, SeverityOverride Override) : IncidentEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "severityOverridden";

    public override string Describe() => $"severity inputs overridden: {string.Join(", ", Names(Override))}";

    /// <summary>The inputs an override sets, as the API names them.</summary>
    public static IReadOnlyList<string> Names(SeverityOverride o) =>
    [
        .. new (string Name, bool Set)[]
        {
            ("dataType", o.DataType is not null), ("dataProcessingContext", o.DataProcessingContext is not null),
            ("easeOfIdentification", o.EaseOfIdentification is not null), ("confidentiality", o.Confidentiality is not null),
            ("integrity", o.Integrity is not null), ("availability", o.Availability is not null), ("maliciousIntent", o.MaliciousIntent is not null),
        }.Where(n => n.Set).Select(n => n.Name),
    ];
}
