using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.MailCapture;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Tests.Workflow;

/// <summary>
/// The crash tests' shared setup: the app's settings for a run of child processes on one storage prefix and port
/// (short leases, timeouts and sweep, so that recovery after a SIGKILL happens within seconds), starting a process,
/// reading storage as the kills left it, posting detections and decisions, and waiting on real time.
/// </summary>
internal sealed record CrashRun(Dictionary<string, string?> Settings, Uri BaseAddress, string ConnectionString)
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);

    /// <param name="maxRecipientsPerRequest">When set, a send item goes out as several requests: a kill can land between them.</param>
    public static CrashRun New(
        AzuriteFixture azurite, MailCaptureServer mail, string directoryPath, int sendBatchSize, bool activityLookup = false, int? maxRecipientsPerRequest = null)
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
        if (maxRecipientsPerRequest is { } max)
        {
            settings["SendGrid:MaxRecipientsPerRequest"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

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

    /// <summary>A client of the app that waits, after each detection, until its classification has settled.</summary>
    public HttpClient Http()
    {
        var clients = Clients();
        return new HttpClient(new ClassificationSettler(new IncidentStore(clients, TimeProvider.System), new OutboxStore(clients))) { BaseAddress = BaseAddress };
    }

    /// <summary>Posts a signed detection; returns the incident's id.</summary>
    public static async Task<string> PostDetectionAsync(HttpClient http, string detection)
    {
        using var accepted = await http.SendAsync(TestApp.SignedDetection(detection), TestContext.Current.CancellationToken);
        accepted.EnsureSuccessStatusCode();
        return (await accepted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("incidentId").GetString()!;
    }

    /// <summary>A commander's decision on an incident.</summary>
    public static async Task DecideAsync(HttpClient http, string incidentId, string decision)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{incidentId}/decision") { Content = JsonContent.Create(new { decision }) };
        request.Headers.Authorization = new("Bearer", TestApp.CommanderKey);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The mails to recipients (the commanders' are at ntc.example).</summary>
    public static List<CapturedMail> Notices(MailCaptureServer mail) =>
        [.. mail.Mails.Where(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal))];

    public static Task WaitForAsync(Func<bool> condition, TimeSpan timeout) => WaitForAsync(() => Task.FromResult(condition()), timeout);

    public static Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout) => FanOutKiller.WaitForAsync(condition, timeout);
}
