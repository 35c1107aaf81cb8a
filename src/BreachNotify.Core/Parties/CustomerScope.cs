namespace BreachNotify.Parties;

/// <summary>Whose data an asset holds: customers of some regions, a list, those who opted into a service, or nobody's.</summary>
public sealed record CustomerScope
{
    public IReadOnlyList<string>? Regions { get; init; }

    public IReadOnlyList<string>? Ids { get; init; }

    public string? OptedInto { get; init; }

    public bool None { get; init; }

    public bool All { get; init; }

    public bool Includes(Customer customer) =>
        !None && (All
            || (Regions?.Any(r => customer.Regions.Contains(r, StringComparer.OrdinalIgnoreCase)) ?? false)
            || (Ids?.Contains(customer.Id, StringComparer.Ordinal) ?? false)
            || (OptedInto is not null && customer.OptIns.Contains(OptedInto, StringComparer.Ordinal)));

    public override string ToString() =>
        None ? "no customer data"
        : All ? "all customers"
        : Regions is { Count: > 0 } ? $"customers in {string.Join(", ", Regions)}"
        : Ids is { Count: > 0 } ? $"customers {string.Join(", ", Ids)}"
        : OptedInto is not null ? $"customers opted into {OptedInto}"
        : "no customer data";
}
