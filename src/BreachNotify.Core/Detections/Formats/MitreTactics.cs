namespace BreachNotify.Detections.Formats;

/// <summary>
/// The MITRE ATT&amp;CK Enterprise tactics, so a tactic named by one source ("Impact", Sentinel's "CommandAndControl")
/// and by id in another ("TA0040") lands on the same categories downstream.
/// </summary>
internal static class MitreTactics
{
    private static readonly (string Id, string Name)[] Tactics =
    [
        ("TA0043", "Reconnaissance"),
        ("TA0042", "Resource Development"),
        ("TA0001", "Initial Access"),
        ("TA0002", "Execution"),
        ("TA0003", "Persistence"),
        ("TA0004", "Privilege Escalation"),
        ("TA0005", "Defense Evasion"),
        ("TA0006", "Credential Access"),
        ("TA0007", "Discovery"),
        ("TA0008", "Lateral Movement"),
        ("TA0009", "Collection"),
        ("TA0011", "Command and Control"),
        ("TA0010", "Exfiltration"),
        ("TA0040", "Impact"),
    ];

    private static readonly Dictionary<string, string> ById =
        Tactics.ToDictionary(t => t.Id, t => t.Name, StringComparer.OrdinalIgnoreCase);

    // Keyed without spaces so "CommandAndControl", "command and control" and "Command and Control" all match.
    private static readonly Dictionary<string, string> ByName =
        Tactics.ToDictionary(t => Key(t.Name), t => t.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>The id for a tactic name, the name for a tactic id, otherwise null.</summary>
    public static string? Counterpart(string value) =>
        ById.TryGetValue(value, out var name) ? name
        : ByName.TryGetValue(Key(value), out var id) ? id
        : null;

    private static string Key(string name) => name.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}
