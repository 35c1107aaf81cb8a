using System.ComponentModel.DataAnnotations;

namespace BreachNotify.Functions.Incidents;

/// <summary><c>Commanders:Keys:ID</c> = the SHA-256 (hex) of that commander's key. Keys themselves are never stored.</summary>
public sealed class CommanderOptions : IValidatableObject
{
    public const string Section = "Commanders";

    public Dictionary<string, string> Keys { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Keys.Where(k => !CommanderKeyHash.IsWellFormed(k.Value)).Select(k => new ValidationResult(
            "must be the SHA-256 of the key, as 64 hex characters (never the key itself)", [$"{nameof(Keys)}:{k.Key}"]));
}
