using BreachNotify.Functions.Storage;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.MailCapture;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Tests.Workflow;

/// <summary>
/// The crash tests' shared setup: the app's settings for a run of child processes on one storage prefix and port
/// (short leases, timeouts and sweep, so that recovery after a SIGKILL happens within seconds), starting a process,
/// reading storage as the kills left it, and waiting on real time.
/// </summary>
internal sealed record CrashRun(Dictionary<string, string?> Settings, Uri BaseAddress, string ConnectionString)
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);

    public static CrashRun New(AzuriteFixture azurite, MailCaptureServer mail, string directoryPath, int sendBatchSize, bool activityLookup = false)
    {
        var port = AzuriteFixture.FreePort();
        var settings = TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), mail.BaseAddress, port);
        settings["Directory:Path"] = directoryPath;
        settings["SendGrid:ActivityLookup"] = activityLookup ? "true" : "false";
        settings["Workflow:FanOutBatchSize"] = "20";
        settings["Workflow:SendBatchSize"] = sendBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Workflow:Concurrency"] = "4";
        settings["Workflow:VisibilityTimeoutSeconds"] = "2";
        settings["Workflow:SendLeaseSeconds"] = "4";
        settings["SendGrid:TotalTimeoutSeconds"] = "3";
        settings["SendGrid:AttemptTimeoutSeconds"] = "1";
        settings["Workflow:RedispatchAfterSeconds"] = "3";
        settings["Workflow:SweepIntervalSeconds"] = "1";
        settings["SendGrid:RetryBaseDelaySeconds"] = "0.2";
        return new CrashRun(settings, new Uri($"http://127.0.0.1:{port}"), azurite.ConnectionString);
    }

    public async Task<AppProcess> StartAsync()
    {
        var process = AppProcess.Start(Settings);
        await process.WaitUntilHealthyAsync(BaseAddress, Ready);
        return process;
    }

    public StorageClients Clients() =>
        new(Options.Create(new StorageOptions { ConnectionString = ConnectionString, Prefix = Settings["Storage:Prefix"]! }));

    /// <summary>The mails to recipients (the commanders' are at ntc.example).</summary>
    public static List<CapturedMail> Notices(MailCaptureServer mail) =>
        [.. mail.Mails.Where(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal))];

    public static Task WaitForAsync(Func<bool> condition, TimeSpan timeout) => WaitForAsync(() => Task.FromResult(condition()), timeout);

    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            await Task.Delay(200);
        }
    }
}
