namespace BreachNotify.Parties;

/// <summary>A person or mailbox that receives notices; <see cref="Locale"/> picks the template language.</summary>
public sealed record Contact
{
    public required string Name { get; init; }

    public required string Email { get; init; }

    public string? Role { get; init; }

    /// <summary>Further roles of the contact besides <see cref="Role"/> (for example <c>subprocessor-changes</c>).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public string Locale { get; init; } = "en";

    /// <summary>Whether <see cref="Role"/> or the <see cref="Roles"/> list names <paramref name="role"/>.</summary>
    public bool HasRole(string role) =>
        string.Equals(Role, role, StringComparison.OrdinalIgnoreCase) || Roles.Contains(role, StringComparer.OrdinalIgnoreCase);
}
