namespace BreachNotify.Cli.Tests.Infrastructure;

/// <summary>The tool run in-process, with its own writers, stdin and an environment that holds only what the test gives.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> OutputLines => Output.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> ErrorLines => Error.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>An expected failure: one line, no stack trace.</summary>
    public void AssertOneLineFailure(string containing)
    {
        Assert.NotEqual(0, ExitCode);
        var line = Assert.Single(ErrorLines);
        Assert.StartsWith("breachnotify: ", line);
        Assert.Contains(containing, line);
        Assert.DoesNotContain("   at ", Error);
    }
}

public static class CliRun
{
    public static async Task<CliResult> RunAsync(string[] args, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, new StringReader(stdin ?? ""),
            name => environment is not null && environment.TryGetValue(name, out var value) ? value : null)
        {
            HttpTimeout = TimeSpan.FromSeconds(20),
        };
        var code = await Cli.RunAsync(args, context, TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);
}
