using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>scripts/azurite.sh, which the test command and the local run start storage with.</summary>
public sealed class AzuriteScriptTests
{
    [Fact]
    public async Task A_port_that_is_taken_fails_the_start_with_one_line_naming_it_and_prints_no_connection_string()
    {
        using var taken = new TcpListener(IPAddress.Loopback, AzuriteFixture.FreePort());
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, stdout, stderr) = await RunAsync(("AZURITE_TABLE_PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.NotEqual(0, exit);
        Assert.Equal("", stdout.Trim());
        var first = stderr.Split('\n')[0];
        Assert.StartsWith("azurite.sh: FAILED: Azurite exited during its start:", first, StringComparison.Ordinal);
        Assert.Contains($"EADDRINUSE: address already in use 127.0.0.1:{port}", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Its_ports_lie_below_the_ephemeral_range_and_every_service_answers()
    {
        var (exit, stdout, stderr) = await RunAsync();
        try
        {
            Assert.True(exit == 0, stderr);
            var ports = stdout.Split(';').Where(p => p.Contains("Endpoint=", StringComparison.Ordinal))
                .Select(p => new Uri(p.Split('=', 2)[1]).Port).ToList();
            Assert.Equal(3, ports.Count);
            var ephemeralLow = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.All(ports, p => Assert.InRange(p, 1024, ephemeralLow - 1));
            using var http = new HttpClient();
            foreach (var endpoint in stdout.Split(';').Where(p => p.Contains("Endpoint=", StringComparison.Ordinal)).Select(p => p.Split('=', 2)[1]))
            {
                using var answer = await http.GetAsync(new Uri(endpoint), TestContext.Current.CancellationToken);
                Assert.Contains("Azurite", string.Join(",", answer.Headers.Server.Select(s => s.ToString())), StringComparison.Ordinal);
            }
        }
        finally
        {
            KillStarted();
        }
    }

    private readonly string _pidFile = Path.GetTempFileName();

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params (string Key, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash", [RepositoryRoot.File("scripts", "azurite.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.Environment["AZURITE_PID_FILE"] = _pidFile;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var script = Process.Start(start)!;
        var stdout = script.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = script.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await script.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (script.ExitCode, await stdout, await stderr);
    }

    private void KillStarted()
    {
        if (int.TryParse(File.ReadAllText(_pidFile), out var pid))
        {
            try
            {
                using var azurite = Process.GetProcessById(pid);
                azurite.Kill();
            }
            catch (ArgumentException)
            {
            }
        }

        File.Delete(_pidFile);
    }
}
