namespace BreachNotify.Classification;

/// <summary>
/// One rule of the rules file: a detection whose categories, tactics or techniques equal one of
/// <see cref="Categories"/>, or whose title contains one of <see cref="TitleContains"/>, is a breach of <see cref="BreachTypes"/>.
/// </summary>
public sealed record BreachTypeRule
{
    public required string Id { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> TitleContains { get; init; } = [];

    public IReadOnlyList<BreachType> BreachTypes { get; init; } = [];
}
