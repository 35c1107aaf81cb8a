using BreachNotify.Severity;

namespace BreachNotify.ControllerPacks;

/// <summary>
/// What one controller needs to file its own breach notification (GDPR Art. 33(3)): the facts concerning its data,
/// the chain of awareness times, and a severity estimate as guidance. Versioned: docs/schemas/controller-pack-v1.schema.json.
/// </summary>
public sealed record ControllerPack
{
    public const string SchemaId = "https://breachnotify.dev/schemas/controller-pack-v1.schema.json";

    public string Schema { get; init; } = SchemaId;

    public int Version { get; init; } = 1;

    public required string IncidentId { get; init; }

    public required string ProcessorName { get; init; }

    /// <summary>Art. 33(3)(b): where the controller (and its authority) gets more information.</summary>
    public required string ContactPoint { get; init; }

    public required PackController Controller { get; init; }

    public required PackNature Nature { get; init; }

    /// <summary>Art. 33(3)(c).</summary>
    public required string LikelyConsequences { get; init; }

    /// <summary>Art. 33(3)(d).</summary>
    public required string Measures { get; init; }

    public required AwarenessChain Awareness { get; init; }

    public required SeverityAssessment Severity { get; init; }

    public string SeverityGuidance { get; init; } = GuidanceText;

    public const string GuidanceText = "An estimate by the ENISA (2013) method from what the processor knows, for the controller's own risk assessment. It is not advice that the controller need not notify its supervisory authority or the data subjects: that assessment is the controller's.";
}
