using System.Diagnostics;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>
/// An Azurite of a test's own, started through scripts/azurite.sh on fixed ports with its data in a folder, so the
/// test can stop storage and start it again where it was.
/// </summary>
public sealed class OwnAzurite : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"bn-azurite-{Guid.NewGuid():N}");
    private readonly (int Blob, int Queue, int Table) _ports = (AzuriteFixture.FreePort(), AzuriteFixture.FreePort(), AzuriteFixture.FreePort());
    private int? _pid;

    public string ConnectionString { get; private set; } = "";

    public static async Task<OwnAzurite> StartAsync()
    {
        var azurite = new OwnAzurite();
        await azurite.StartAgainAsync();
        return azurite;
    }

    /// <summary>Starts Azurite (again) on the same ports and data.</summary>
    public async Task StartAgainAsync()
    {
        Directory.CreateDirectory(_folder);
        var pidFile = Path.Combine(_folder, "azurite.pid");
        var start = new ProcessStartInfo("bash", $"\"{RepositoryRoot.File("scripts", "azurite.sh")}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AZURITE_PID_FILE"] = pidFile;
        start.Environment["AZURITE_BLOB_PORT"] = _ports.Blob.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_QUEUE_PORT"] = _ports.Queue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_TABLE_PORT"] = _ports.Table.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_LOCATION"] = Path.Combine(_folder, "data");
        using var script = Process.Start(start)!;
        var output = await script.StandardOutput.ReadToEndAsync();
        await script.WaitForExitAsync();
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/azurite.sh failed: {await script.StandardError.ReadToEndAsync()}");
        }

        ConnectionString = output.Trim();
        _pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Storage gone: the emulator stopped, its ports closed.</summary>
    public void Stop()
    {
        if (_pid is not { } pid)
        {
            return;
        }

        try
        {
            // SIGTERM: Azurite writes its data out and closes its ports, as storage that goes away and comes back.
            using var process = Process.GetProcessById(pid);
            using (var term = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                term.WaitForExit();
            }

            if (!process.WaitForExit(15_000))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (ArgumentException)
        {
            // Already gone.
        }

        _pid = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
