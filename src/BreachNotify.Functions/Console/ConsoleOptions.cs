namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// <c>Console:Auth</c>: <c>Key</c> (default: sign in with a commander key, session cookie) or <c>EasyAuth</c> (under Azure
/// App Service authentication: the <c>X-MS-CLIENT-PRINCIPAL</c> header, trusted only in that mode, and only for members of
/// <c>Console:CommanderGroupId</c>). <c>Console:SessionMinutes</c>: sliding session lifetime.
/// </summary>
public sealed class ConsoleOptions
{
    public const string KeyAuth = "Key";
    public const string EasyAuth = "EasyAuth";

    public string Auth { get; set; } = KeyAuth;

    public string? CommanderGroupId { get; set; }

    public int SessionMinutes { get; set; } = 480;

    public bool UsesEasyAuth => string.Equals(Auth, EasyAuth, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Problems()
    {
        if (!UsesEasyAuth && !string.Equals(Auth, KeyAuth, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Console:Auth: '{Auth}' is not Key or EasyAuth";
        }

        if (UsesEasyAuth && string.IsNullOrWhiteSpace(CommanderGroupId))
        {
            yield return "Console:CommanderGroupId: required with Console:Auth=EasyAuth (the Entra ID group whose members are commanders)";
        }

        if (SessionMinutes is < 5 or > 24 * 60)
        {
            yield return "Console:SessionMinutes: between 5 and 1440";
        }
    }
}
