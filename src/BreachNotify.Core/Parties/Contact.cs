namespace BreachNotify.Parties;

/// <summary>A person or mailbox that receives notices; <see cref="Locale"/> picks the template language.</summary>
public sealed record Contact
{
    public required string Name { get; init; }

    public required string Email { get; init; }

    public string? Role { get; init; }

    public string Locale { get; init; } = "en";
}
