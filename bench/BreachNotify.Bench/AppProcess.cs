using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BreachNotify.Bench;

/// <summary>The built app (Release) as a child process on 127.0.0.1, configured through environment variables like scripts/run.sh.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private AppProcess(Process process, string name, Uri baseAddress)
    {
        _process = process;
        Name = name;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary><c>BENCH_APP_LOG</c>: a folder to keep every app's whole log in (<c>{name}.log</c>), at information level.</summary>
    private static string? LogDirectory => Environment.GetEnvironmentVariable("BENCH_APP_LOG");

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    /// <summary>The app's resident set now (VmRSS of /proc/PID/status), in MiB; 0 where there is no /proc.</summary>
    public double WorkingSetMib => Status("VmRSS:");

    /// <summary>The app's peak resident set so far (VmHWM), in MiB; 0 where there is no /proc.</summary>
    public double PeakWorkingSetMib => Status("VmHWM:");

    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join(Environment.NewLine, _tail);
            }
        }
    }

    private double Status(string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<AppProcess> StartAsync(string repositoryRoot, string name, int port, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var dll = Path.Combine(repositoryRoot, "src", "BreachNotify.Standalone", "bin", "Release", "net10.0", "BreachNotify.Standalone.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the app in Release first ({dll}).");
        }

        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (LogDirectory is not null)
        {
            // For profiling (bench/README.md): the app's information lines, timestamped, each app in its own file.
            start.Environment["Logging__LogLevel__Default"] = "Information";
            start.Environment["Logging__LogLevel__System.Net.Http"] = "Warning";
            start.Environment["Logging__Console__FormatterName"] = "simple";
            start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
            start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        }
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var app = new AppProcess(Process.Start(start)!, name, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (app._process.HasExited)
            {
                throw new InvalidOperationException($"app {name} exited with {app._process.ExitCode}:{Environment.NewLine}{app.Tail}");
            }

            try
            {
                if ((await http.GetAsync("/readyz", ct)).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(100, ct);
        }

        await app.DisposeAsync();
        throw new TimeoutException($"app {name} did not become ready within 60 s:{Environment.NewLine}{app.Tail}");
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            if (LogDirectory is { } dir)
            {
                File.AppendAllText(Path.Combine(dir, Name + ".log"), line + Environment.NewLine);
            }

            _tail.Enqueue(line);
            while (_tail.Count > 200)
            {
                _tail.Dequeue();
            }
        }
    }
}
