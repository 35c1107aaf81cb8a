using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

[assembly: AssemblyFixture(typeof(BreachNotify.Functions.Tests.Infrastructure.AzuriteFixture))]

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>
/// One Azurite for the whole test run: the one the test command started (BREACHNOTIFY_TEST_STORAGE), or one this
/// fixture starts with scripts/azurite.sh. Tests isolate themselves with a storage prefix, not a new emulator.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> HandedOut = new();
    private string? _pidFile;
    private int _prefixes;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable("BREACHNOTIFY_TEST_STORAGE");
        if (!string.IsNullOrWhiteSpace(given))
        {
            ConnectionString = given;
            await EnsureAnsweringAsync(given);
            return;
        }

        // The same start as the test command's: ports below the ephemeral range, checked answering, log in artifacts/.
        _pidFile = Path.GetTempFileName();
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "scripts", "azurite.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.Environment["AZURITE_PID_FILE"] = _pidFile;
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException("Test storage did not start (scripts/azurite.sh): " + await errors);
        }

        ConnectionString = (await output).Trim();
    }

    /// <summary>A fresh table and queue prefix, so each test sees only its own data.</summary>
    public string NewPrefix() => $"t{Environment.ProcessId % 10000}x{Interlocked.Increment(ref _prefixes)}r{Random.Shared.Next(1000, 9999)}";

    public ValueTask DisposeAsync()
    {
        if (_pidFile is not null && int.TryParse(File.ReadAllText(_pidFile), out var pid))
        {
            try
            {
                using var azurite = Process.GetProcessById(pid);
                azurite.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // already gone
            }

            File.Delete(_pidFile);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A free loopback port below the kernel's ephemeral range (ip_local_port_range), where no outgoing connection of
    /// another process can take it between this check and the server's bind; never the same one twice in a run.
    /// </summary>
    public static int FreePort()
    {
        var low = 10000;
        var high = EphemeralLow() - 1;
        while (true)
        {
            var port = Random.Shared.Next(low, high);
            if (!HandedOut.TryAdd(port, 0))
            {
                continue;
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // in use: try another
            }
        }
    }

    private static int EphemeralLow()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split('\t', ' ')[0], out var low) && low > 11000 ? low : 32768;
    }

    /// <summary>
    /// Fails the run before its first test, with one line, when the given storage does not answer: otherwise every
    /// test would fail on its own after the SDK's retries, and the cause would be lost among them.
    /// </summary>
    private static async Task EnsureAnsweringAsync(string connectionString)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var endpoints = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].EndsWith("Endpoint", StringComparison.Ordinal))
            .ToList();
        foreach (var pair in endpoints)
        {
            try
            {
                // Any HTTP status (Azurite answers 400/403 without a signature) proves the service is there.
                using var _ = await http.GetAsync(new Uri(pair[1]));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                throw new InvalidOperationException(
                    $"Test storage is not answering: {pair[0]} {pair[1]} ({e.Message}). Start it with scripts/azurite.sh or run scripts/test.sh.", e);
            }
        }
    }
}
