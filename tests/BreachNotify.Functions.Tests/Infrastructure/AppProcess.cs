using System.Diagnostics;
using System.Text;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>The app as a child process (the built standalone host), for tests that kill it or check how it refuses to start.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static string AppDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return RepositoryRoot.File("src", "BreachNotify.Standalone", "bin", configuration, "net10.0", "BreachNotify.Standalone.dll");
        }
    }

    /// <summary>
    /// Starts the built app with <paramref name="settings"/> as environment variables, in its own folder unless
    /// <paramref name="workingDirectory"/> says otherwise; logging at Warning unless the settings set a level.
    /// </summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string?> settings, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{AppDll}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(AppDll)!,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new AppProcess(Process.Start(start)!);
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task WaitUntilHealthyAsync(Uri baseAddress, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                if ((await http.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The app did not become ready: {Output}");
    }

    /// <summary>SIGKILL: no shutdown, no flush, as a crash would leave it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
