namespace BreachNotify.Classification;

/// <summary>What the classifier decided about an incident, and why (each rationale line names its rule and evidence).</summary>
public sealed record Classification
{
    public required Verdict Verdict { get; init; }

    public bool IsPersonalDataBreach => Verdict == Verdict.PersonalDataBreach;

    public IReadOnlyList<BreachType> BreachTypes { get; init; } = [];

    public Confidence Confidence { get; init; }

    public IReadOnlyList<string> Rationale { get; init; } = [];

    public IReadOnlyList<string> Assets { get; init; } = [];

    public IReadOnlyList<string> UnrecognizedAssetRefs { get; init; } = [];

    public IReadOnlyList<string> AffectedCustomers { get; init; } = [];

    public IReadOnlyList<string> AffectedSubprocessors { get; init; } = [];

    public IReadOnlyList<string> DataCategories { get; init; } = [];

    public long? ApproxRecords { get; init; }
}
