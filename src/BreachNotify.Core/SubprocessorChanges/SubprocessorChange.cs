namespace BreachNotify.SubprocessorChanges;

/// <summary>
/// A change to the sub-processor list as a commander announced it: add, replace (<see cref="Replaces"/> names the one
/// going) or remove; for the customers of <see cref="Services"/>, narrowed to <see cref="Regions"/> when any are named.
/// </summary>
public sealed record SubprocessorChange
{
    public required ChangeKind Kind { get; init; }

    public required SubprocessorEntry Subprocessor { get; init; }

    public string? Replaces { get; init; }

    public IReadOnlyList<string> Services { get; init; } = [];

    public IReadOnlyList<string> Regions { get; init; } = [];

    public required DateTimeOffset EffectiveAt { get; init; }

    public string? Comment { get; init; }
}
