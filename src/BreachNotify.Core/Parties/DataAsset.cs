namespace BreachNotify.Parties;

/// <summary>A place where data lives, and the names SIEMs use for it.</summary>
public sealed record DataAsset
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Service { get; init; }

    public string? Region { get; init; }

    public bool HoldsPersonalData { get; init; }

    public IReadOnlyList<string> DataCategories { get; init; } = [];

    public long? ApproxRecordsPerCustomer { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public CustomerScope CustomerScope { get; init; } = new() { None = true };
}
