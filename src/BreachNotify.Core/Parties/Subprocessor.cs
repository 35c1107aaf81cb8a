namespace BreachNotify.Parties;

public sealed record Subprocessor
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<string> Services { get; init; } = [];

    public IReadOnlyList<string> Assets { get; init; } = [];

    public int? NoticeLimitHours { get; init; }

    public IReadOnlyList<Contact> Contacts { get; init; } = [];
}
