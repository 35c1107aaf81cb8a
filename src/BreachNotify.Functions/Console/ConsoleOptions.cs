using System.ComponentModel.DataAnnotations;
using BreachNotify.Functions.Hosting;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// <c>Console:Auth</c>: <c>Key</c> (default: sign in with a commander key, session cookie) or <c>EasyAuth</c> (under Azure
/// App Service authentication: the <c>X-MS-CLIENT-PRINCIPAL</c> header, trusted only in that mode, and only for members of
/// <c>Console:CommanderGroupId</c>). <c>Console:SessionMinutes</c>: sliding session lifetime.
/// </summary>
public sealed class ConsoleOptions : IValidatableObject
{
    public const string Section = "Console";
    public const string KeyAuth = "Key";
    public const string EasyAuth = "EasyAuth";

    public string Auth { get; set; } = KeyAuth;

    public string? CommanderGroupId { get; set; }

    [SettingRange(5, 24 * 60, ErrorMessage = "between 5 and 1440")]
    public int SessionMinutes { get; set; } = 480;

    public bool UsesEasyAuth => string.Equals(Auth, EasyAuth, StringComparison.OrdinalIgnoreCase);

    /// <summary>The problems, one line each naming its key (as the app reports them at start).</summary>
    public IEnumerable<string> Problems() => SectionValidator<ConsoleOptions>.Problems(Section, new ConsoleOptionsValidator(), this);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesEasyAuth && !string.Equals(Auth, KeyAuth, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"'{Auth}' is not Key or EasyAuth", [nameof(Auth)]);
        }

        if (UsesEasyAuth && string.IsNullOrWhiteSpace(CommanderGroupId))
        {
            yield return new ValidationResult(
                "required with Console:Auth=EasyAuth (the Entra ID group whose members are commanders)", [nameof(CommanderGroupId)]);
        }
    }
}
