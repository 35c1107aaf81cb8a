namespace BreachNotify.Parties;

/// <summary>An incident commander; the key is held only as its SHA-256 (hex), here or in configuration.</summary>
public sealed record Commander
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Email { get; init; }

    public string? ApiKeySha256 { get; init; }

    /// <summary>Backup commanders get the escalation when nobody decides in time.</summary>
    public bool IsBackup => Id.Contains("backup", StringComparison.OrdinalIgnoreCase) || Role == "backup";

    public string? Role { get; init; }

    /// <summary>The language of the commander's mails (approval requests, escalations); English when not set.</summary>
    public string? Locale { get; init; }
}
