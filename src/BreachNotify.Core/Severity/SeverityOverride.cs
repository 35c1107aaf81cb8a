namespace BreachNotify.Severity;

/// <summary>What a commander sets instead of the derived inputs; a null field keeps the derived value.</summary>
public sealed record SeverityOverride
{
    public DataType? DataType { get; init; }

    public decimal? DataProcessingContext { get; init; }

    public EaseOfIdentification? EaseOfIdentification { get; init; }

    public ConfidentialityLoss? Confidentiality { get; init; }

    public IntegrityLoss? Integrity { get; init; }

    public AvailabilityLoss? Availability { get; init; }

    public bool? MaliciousIntent { get; init; }
}
