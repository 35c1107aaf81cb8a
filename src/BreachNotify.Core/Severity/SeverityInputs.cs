namespace BreachNotify.Severity;

/// <summary>
/// The inputs of the ENISA (2013) severity method: SE = DPC x EI + CB.
/// <see cref="DataProcessingContext"/> starts at the data type's score and may be adjusted by the assessor, within 1 to 4.
/// </summary>
public sealed record SeverityInputs
{
    public const decimal MinContext = 1m;
    public const decimal MaxContext = 4m;

    public required DataType DataType { get; init; }

    public required decimal DataProcessingContext { get; init; }

    public required EaseOfIdentification EaseOfIdentification { get; init; }

    public ConfidentialityLoss Confidentiality { get; init; }

    public IntegrityLoss Integrity { get; init; }

    public AvailabilityLoss Availability { get; init; }

    public bool MaliciousIntent { get; init; }
}
