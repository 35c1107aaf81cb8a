namespace BreachNotify.ControllerPacks;

/// <summary>The controller a pack is for, with what the directory says of its own filing.</summary>
public sealed record PackController
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<string> Jurisdictions { get; init; } = [];

    /// <summary>The authority the controller files with, when the directory names it.</summary>
    public string? SupervisoryAuthority { get; init; }

    /// <summary>The language the controller files in, when the directory names it.</summary>
    public string? Language { get; init; }
}
