using System.Diagnostics;
using System.Text.RegularExpressions;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>What <c>scripts/run.sh</c> tells a newcomer once the demo runs, and the README's first screen about it.</summary>
public sealed partial class RunScriptTests
{
    [Fact]
    public async Task RunScript_Prints_TheConsoleAndHowToSignIn_TheIncidentsConsolePage_AndTheStorageForTheCli()
    {
        var script = await File.ReadAllTextAsync(RepositoryRoot.File("scripts", "run.sh"), TestContext.Current.CancellationToken);
        var message = Message().Match(script);
        Assert.True(message.Success, "run.sh has no final message");

        // The message as bash prints it, with the values the script would have.
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["APP"] = "http://127.0.0.1:9071";
        start.Environment["INBOX"] = "http://127.0.0.1:9072";
        start.Environment["COMMANDER_KEY"] = "ic-demo-key";
        start.Environment["SOURCE_SECRET"] = "demo-secret";
        start.Environment["INCIDENT"] = "inc-1";
        start.Environment["ANSWER"] = "{}";
        start.Environment["STORAGE"] = "UseDevelopmentStorage=true;TableEndpoint=http://127.0.0.1:1/x";
        using var bash = Process.Start(start)!;
        await bash.StandardInput.WriteAsync(message.Value);
        bash.StandardInput.Close();
        var printed = await bash.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await bash.WaitForExitAsync(TestContext.Current.CancellationToken);

        var lines = printed.Split('\n');
        Assert.Contains(lines, l => l.Contains("http://127.0.0.1:9071/console", StringComparison.Ordinal) && l.Contains("sign in with the demo commander key", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("ic-demo-key", StringComparison.Ordinal) && l.Contains("commander key", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("http://127.0.0.1:9071/console/incidents/inc-1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Trim() == "export BREACHNOTIFY_STORAGE='UseDevelopmentStorage=true;TableEndpoint=http://127.0.0.1:1/x'");
    }

    [Fact]
    public async Task ReadmeFirstScreen_NamesTheConsole_ItsSignIn_ThePortVariables_AndTheCliStorage()
    {
        var readme = await File.ReadAllTextAsync(RepositoryRoot.File("README.md"), TestContext.Current.CancellationToken);
        var section = Section().Match(readme);
        Assert.True(section.Success, "README has no 'The two commands' section");

        foreach (var phrase in new[] { "http://127.0.0.1:7071/console", "demo commander key", "APP_PORT", "INBOX_PORT", "BREACHNOTIFY_STORAGE" })
        {
            Assert.Contains(phrase, section.Value, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"(?<=\n)cat <<MSG\n.*?\nMSG\n", RegexOptions.Singleline)]
    private static partial Regex Message();

    [GeneratedRegex(@"\n## The two commands\n.*?(?=\n## )", RegexOptions.Singleline)]
    private static partial Regex Section();
}
