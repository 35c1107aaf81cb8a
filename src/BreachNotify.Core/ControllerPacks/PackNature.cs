using BreachNotify.Classification;

namespace BreachNotify.ControllerPacks;

/// <summary>Art. 33(3)(a) as it concerns one controller: the kind of breach, the data, and how much of it is that controller's.</summary>
public sealed record PackNature
{
    public required IReadOnlyList<BreachType> BreachTypes { get; init; }

    public required string Description { get; init; }

    public IReadOnlyList<string> DataCategories { get; init; } = [];

    /// <summary>The controller's records on the affected assets, when the directory gives a figure per customer.</summary>
    public long? ApproxRecords { get; init; }

    /// <summary>Where <see cref="ApproxRecords"/> comes from, or why it is missing.</summary>
    public required string ApproxRecordsBasis { get; init; }

    /// <summary>The affected assets that hold this controller's data.</summary>
    public IReadOnlyList<string> Assets { get; init; } = [];
}
