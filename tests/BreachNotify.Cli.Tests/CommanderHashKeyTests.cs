using BreachNotify.Cli.Tests.Infrastructure;
using BreachNotify.Functions.Incidents;

namespace BreachNotify.Cli.Tests;

public sealed class CommanderHashKeyTests
{
    [Fact]
    public async Task The_hash_is_the_one_the_app_stores_for_the_key()
    {
        var result = await CliRun.RunAsync(["commander", "hash-key"], stdin: "demo-commander-key-0123456789\n");

        Assert.Equal(0, result.ExitCode);
        var hash = Assert.Single(result.OutputLines);
        Assert.Equal(CommanderKeyHash.Of("demo-commander-key-0123456789"), hash);
        Assert.True(CommanderKeyHash.IsWellFormed(hash));
        Assert.DoesNotContain("demo-commander-key", result.Output + result.Error);
    }

    [Fact]
    public async Task An_empty_stdin_is_refused()
    {
        var result = await CliRun.RunAsync(["commander", "hash-key"], stdin: "  \n");

        result.AssertOneLineFailure("no key on stdin");
    }
}
