namespace BreachNotify.Parties;

/// <summary>A controller whose personal data the processor handles.</summary>
public sealed record Customer
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<string> Regions { get; init; } = [];

    public IReadOnlyList<string> Jurisdictions { get; init; } = [];

    public IReadOnlyList<string> OptIns { get; init; } = [];

    /// <summary>The contractual limit for telling this customer; null means the processor default.</summary>
    public int? NoticeLimitHours { get; init; }

    public IReadOnlyList<Contact> Contacts { get; init; } = [];

    /// <summary>Optional: the customer asked for its notices also as a signed webhook.</summary>
    public Webhook? Webhook { get; init; }
}
