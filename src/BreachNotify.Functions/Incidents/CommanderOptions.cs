namespace BreachNotify.Functions.Incidents;

/// <summary><c>Commanders:Keys:ID</c> = the SHA-256 (hex) of that commander's key. Keys themselves are never stored.</summary>
public sealed class CommanderOptions
{
    public Dictionary<string, string> Keys { get; set; } = [];
}
