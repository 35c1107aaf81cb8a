using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BreachNotify.Cli.Tests.Infrastructure;

/// <summary>
/// Storage for the dead-letter tests: the Azurite the test command started (BREACHNOTIFY_TEST_STORAGE), or one started
/// here from the repository's node_modules (npm ci). Without either the storage tests are skipped, saying why.
/// Each test isolates itself with its own storage prefix.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _azurite;
    private int _prefixes;

    public string? ConnectionString { get; private set; }

    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable("BREACHNOTIFY_TEST_STORAGE");
        if (!string.IsNullOrWhiteSpace(given))
        {
            ConnectionString = given;
            return;
        }

        var azurite = Path.Combine(RepositoryRoot(), "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            Unavailable = $"Azurite is not installed at {azurite} (run 'npm ci') and BREACHNOTIFY_TEST_STORAGE is not set";
            return;
        }

        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        _azurite = Process.Start(new ProcessStartInfo(azurite,
            $"--silent --inMemoryPersistence --disableTelemetry --loose --skipApiVersionCheck " +
            $"--blobHost 127.0.0.1 --blobPort {blob} --queueHost 127.0.0.1 --queuePort {queue} --tableHost 127.0.0.1 --tablePort {table}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await WaitForPortAsync(queue);
        await WaitForPortAsync(table);
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
                           $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    /// <summary>The connection string, or the test is skipped.</summary>
    public string Require()
    {
        if (ConnectionString is null)
        {
            Assert.Skip(Unavailable ?? "no storage");
        }

        return ConnectionString;
    }

    public string NewPrefix() => $"c{Environment.ProcessId % 10000}x{Interlocked.Increment(ref _prefixes)}r{Random.Shared.Next(1000, 9999)}";

    public ValueTask DisposeAsync()
    {
        if (_azurite is { HasExited: false })
        {
            _azurite.Kill(entireProcessTree: true);
        }

        _azurite?.Dispose();
        return ValueTask.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BreachNotify.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("BreachNotify.sln not found above the test binaries.");
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not open port {port}.");
    }
}
