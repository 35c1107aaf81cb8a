using System.CommandLine;
using System.Text;
using System.Text.Json;
using Azure;

namespace BreachNotify.Cli;

/// <summary>
/// The operators' tool. <see cref="RunAsync(string[], TextWriter, TextWriter)"/> is the whole program, callable in-process
/// (the tests do). Expected failures (a missing file, an unreachable URL, a refused key, storage errors) end in one line
/// on the error writer and exit code 1, never a stack trace.
/// </summary>
public static class Cli
{
    public const string SourceSecretVariable = "BREACHNOTIFY_SOURCE_SECRET";
    public const string CommanderKeyVariable = "BREACHNOTIFY_COMMANDER_KEY";
    public const string StorageVariable = "BREACHNOTIFY_STORAGE";

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, new CliContext(output, error));

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("BreachNotify operators' tool: check a directory file, send a signed test detection, " +
                                   "re-drive dead letters, export an incident or the breach register.")
        {
            DirectoryCommands.Create(context),
            DetectionCommands.Create(context),
            CommanderCommands.Create(context),
            DeadLetterCommands.Create(context),
            ExportCommands.CreateIncident(context),
            ExportCommands.CreateRegister(context),
            ChangeCommands.Create(context),
        };
        var configuration = new InvocationConfiguration { Output = context.Output, Error = context.Error };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Runs an action, turning the failures an operator can fix into one line and exit code 1.</summary>
    internal static async Task<int> Guard(CliContext context, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (CliException e)
        {
            return Fail(context, e.Message);
        }
        catch (FileNotFoundException e)
        {
            return Fail(context, $"file not found: {e.FileName ?? e.Message}");
        }
        catch (DirectoryNotFoundException e)
        {
            return Fail(context, OneLine(e.Message));
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(context, OneLine(e.Message));
        }
        catch (IOException e)
        {
            return Fail(context, OneLine(e.Message));
        }
        catch (RequestFailedException e)
        {
            return Fail(context, $"storage: {(e.Status > 0 ? $"{e.Status} " : "")}{e.ErrorCode ?? OneLine(e.Message)}");
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is RequestFailedException or HttpRequestException))
        {
            return Fail(context, $"storage unreachable: {OneLine(e.InnerExceptions[^1].Message)}");
        }
        catch (JsonException e)
        {
            return Fail(context, $"unexpected JSON: {OneLine(e.Message)}");
        }
        catch (OperationCanceledException)
        {
            return Fail(context, "cancelled");
        }
    }

    internal static int Fail(CliContext context, string message)
    {
        context.Error.WriteLine($"breachnotify: {message}");
        return 1;
    }

    internal static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > 300 ? line[..300] + "..." : line;
    }

    /// <summary>An option's value, or the environment variable's, or a failure naming both.</summary>
    internal static string Required(CliContext context, string? value, string option, string variable)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        var fromEnvironment = context.Environment(variable);
        return !string.IsNullOrWhiteSpace(fromEnvironment)
            ? fromEnvironment
            : throw new CliException($"{option} is required (or set {variable})");
    }

    /// <summary>Writes an export to stdout, or to <paramref name="output"/> (UTF-8 without a byte-order mark), saying so on stderr.</summary>
    internal static async Task WriteAsync(CliContext context, FileInfo? output, string text, string what, CancellationToken cancellationToken)
    {
        if (output is null)
        {
            await context.Output.WriteAsync(text);
            await context.Output.FlushAsync(cancellationToken);
            return;
        }

        await File.WriteAllTextAsync(output.FullName, text, new UTF8Encoding(false), cancellationToken);
        context.Error.WriteLine($"wrote {what} to {output.FullName}");
    }
}

/// <summary>A failure the operator can fix; its message is the whole story.</summary>
public sealed class CliException(string message) : Exception(message);

/// <summary>Where the tool reads and writes; the tests give their own writers, stdin and environment.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, TextReader? input = null, Func<string, string?>? environment = null)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Null: the process's stdin.</summary>
    public TextReader? Input { get; } = input;

    public Func<string, string?> Environment { get; } = environment ?? System.Environment.GetEnvironmentVariable;

    /// <summary>Progress may rewrite its line (carriage return) only on a terminal.</summary>
    public bool ErrorIsTerminal => ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>How long an HTTP call may take.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(100);
}
