using System.CommandLine;
using System.Text;

namespace BreachNotify.Cli;

/// <summary><c>commander hash-key</c>: the SHA-256 a deployment stores for a commander key (<c>Commanders:Keys:ID</c>).</summary>
internal static class CommanderCommands
{
    public static Command Create(CliContext context)
    {
        var hashKey = new Command("hash-key", "Read a commander key from stdin and print its SHA-256 hex, for Commanders:Keys:ID");
        hashKey.SetAction((_, _) => Cli.Guard(context, () => HashKeyAsync(context)));
        return new Command("commander", "Commander keys") { hashKey };
    }

    private static async Task<int> HashKeyAsync(CliContext context)
    {
        var key = context.Input is { } input ? await input.ReadToEndAsync()
            : Console.IsInputRedirected ? await Console.In.ReadToEndAsync()
            : ReadHidden(context);

        // The app trims the presented key before hashing it (CommanderAuthenticator.AuthenticateKey), so the stored
        // hash is of the trimmed key: a trailing newline from echo or a file must not change it.
        key = key.Trim();
        if (key.Length == 0)
        {
            throw new CliException("no key on stdin (e.g. printf '%s' \"$KEY\" | breachnotify commander hash-key)");
        }

        if (key.Length > 1024)
        {
            throw new CliException("the key is longer than the 1024 characters the app accepts");
        }

        context.Output.WriteLine(CommanderKeyHash.Of(key));
        return 0;
    }

    /// <summary>On a terminal: prompt on stderr and read without echoing the key.</summary>
    private static string ReadHidden(CliContext context)
    {
        context.Error.Write("commander key: ");
        var key = new StringBuilder();
        while (true)
        {
            var k = Console.ReadKey(intercept: true);
            if (k.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (k.Key == ConsoleKey.Backspace)
            {
                if (key.Length > 0)
                {
                    key.Length--;
                }
            }
            else if (!char.IsControl(k.KeyChar))
            {
                key.Append(k.KeyChar);
            }
        }

        context.Error.WriteLine();
        return key.ToString();
    }
}
