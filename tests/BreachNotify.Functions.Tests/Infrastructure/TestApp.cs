using System.Net.Http.Headers;
using System.Text;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Incidents;
using BreachNotify.Functions.Ingest;
using BreachNotify.Functions.Workflow;
using BreachNotify.MailCapture;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port, on Azurite (its own table and queue prefix) and a local SendGrid capture.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string Source = "siem";
    public const string SourceSecret = "test-source-secret-0123456789";
    public const string SplunkSource = "splunk";
    public const string SplunkToken = "splunk-query-token-0123456789";
    public const string CommanderKey = "test-commander-key-primary";
    public const string BackupCommanderKey = "test-commander-key-backup";

    /// <summary>The host argument that turns configuration reload-on-change (and its file watcher) off.</summary>
    public const string NoFileWatchers = "--hostBuilder:reloadConfigOnChange=false";

    private TestApp(WebApplication app, MailCaptureServer mail, Uri baseAddress, string prefix, Dictionary<string, string?> settings)
    {
        App = app;
        Mail = mail;
        BaseAddress = baseAddress;
        Prefix = prefix;
        Settings = settings;
        // With workers running, a 202 from ingest is held until the worker classified the incident (see the settler).
        Http = settings.GetValueOrDefault("Workflow:RunWorkers") == "false"
            ? new HttpClient { BaseAddress = baseAddress }
            : new HttpClient(new ClassificationSettler(app.Services.GetRequiredService<IncidentStore>(), app.Services.GetRequiredService<OutboxStore>())) { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public MailCaptureServer Mail { get; }

    public Uri BaseAddress { get; }

    public string Prefix { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    public static Dictionary<string, string?> BaseSettings(string connectionString, string prefix, Uri mailHost, int port) => new()
    {
        ["Urls"] = $"http://127.0.0.1:{port}",
        ["PublicBaseUrl"] = $"http://127.0.0.1:{port}",
        ["Storage:ConnectionString"] = connectionString,
        ["Storage:Prefix"] = prefix,
        ["Directory:Path"] = RepositoryRoot.File("samples", "directory.sample.json"),
        ["SendGrid:ApiKey"] = "SG.test-key",
        ["SendGrid:Host"] = mailHost.ToString().TrimEnd('/'),
        ["SendGrid:From"] = "notify@ntc.example",
        ["SendGrid:ActivityLookup"] = "true",
        ["SendGrid:MaxRetries"] = "3",
        ["SendGrid:RetryBaseDelaySeconds"] = "0.05",
        ["SendGrid:AttemptTimeoutSeconds"] = "2",
        ["SendGrid:TotalTimeoutSeconds"] = "4",
        ["Sources:siem:Secret"] = SourceSecret,
        ["Sources:splunk:Secret"] = SplunkToken,
        ["Sources:splunk:Auth"] = "query-token",
        ["Commanders:Keys:ic-primary"] = CommanderKeyHash.Of(CommanderKey),
        ["Commanders:Keys:ic-backup"] = CommanderKeyHash.Of(BackupCommanderKey),
        ["Workflow:ApprovalEscalationMinutes"] = "60",
        ["Workflow:AckReminderMinutes"] = "600",
        ["Workflow:VisibilityTimeoutSeconds"] = "5",
        ["Workflow:SendLeaseSeconds"] = "5",
        ["Workflow:SweepIntervalSeconds"] = "2",
        ["Workflow:RedispatchAfterSeconds"] = "10",
        ["Workflow:Concurrency"] = "8",
        ["Workflow:SendRetrySeconds"] = "1",
        ["SendGrid:CircuitBreakSeconds"] = "0.5",
    };

    public static async Task<TestApp> StartAsync(
        AzuriteFixture azurite, Action<Dictionary<string, string?>>? configure = null, TimeProvider? time = null)
    {
        var mail = await MailCaptureServer.StartAsync(new MailCaptureOptions());
        var prefix = azurite.NewPrefix();
        var port = AzuriteFixture.FreePort();
        var settings = BaseSettings(azurite.ConnectionString, prefix, mail.BaseAddress, port);
        configure?.Invoke(settings);
        // No reload-on-change: each watcher costs an inotify instance, and a test run starts hundreds of apps.
        var (app, problems) = BreachNotifyApp.Create([NoFileWatchers], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        if (app is null)
        {
            await mail.DisposeAsync();
            throw new InvalidOperationException("The app did not start: " + string.Join("; ", problems));
        }

        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A failed start must not leave the capture listening or the app's services running for the rest of the run.
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await app.StopAsync(stop.Token);
            await app.DisposeAsync();
            await mail.DisposeAsync();
            throw;
        }

        return new TestApp(app, mail, new Uri($"http://127.0.0.1:{port}"), prefix, settings);
    }

    public static HttpRequestMessage SignedDetection(
        string body, string source = Source, string secret = SourceSecret, string? query = null, long? timestamp = null, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/detections?source={Uri.EscapeDataString(source)}{query}")
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(IngestOptions.SignatureHeader, SourceSignature.Sign(secret, bytes, timestamp));
        if (timestamp is { } ts)
        {
            request.Headers.Add(IngestOptions.TimestampHeader, ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return request;
    }

    public Task<HttpResponseMessage> PostDetectionAsync(string body, string source = Source, string secret = SourceSecret, string? query = null) =>
        Http.SendAsync(SignedDetection(body, source, secret, query));

    /// <summary>With the workers off: what a worker does right after ingest, the new incident's classification timer.</summary>
    public async Task ClassifyByHandAsync(string incidentId)
    {
        var due = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var item = new WorkItem(WorkItemKind.Timer, incidentId, RowKeys.Outbox(incidentId, 1, 0), BreachNotify.Incidents.TimerKind.Classification, 1, due);
        await Services.GetRequiredService<WorkItemProcessor>().ProcessAsync(
            $"classify-{incidentId}", System.Text.Json.JsonSerializer.Serialize(item, BreachNotify.DomainJson.Options), 1, TestContext.Current.CancellationToken);
    }

    /// <summary>Posts CEF lines, signed, as <c>text/plain</c>.</summary>
    public Task<HttpResponseMessage> PostCefAsync(string body, string? query = null, string contentType = "text/plain; charset=utf-8") =>
        Http.SendAsync(SignedDetection(body, query: query, contentType: contentType));

    public HttpRequestMessage AsCommander(HttpMethod method, string path, object? json = null, string key = CommanderKey)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(json);
        }

        return request;
    }

    /// <summary>The captured notices: every mail except those to the processor's own commanders (@ntc.example).</summary>
    public List<CapturedMail> NoticeMails => [.. Mail.Mails.Where(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal))];

    /// <summary>Waits until at least <paramref name="count"/> captured mails match, and returns those that do.</summary>
    public async Task<List<CapturedMail>> WaitForMailsAsync(Func<CapturedMail, bool> match, int count = 1, int seconds = 45)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var found = Mail.Mails.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Expected {count} matching mails; have: {string.Join(" | ", Mail.Mails.Select(m => $"{m.To}: {m.Subject}"))}");
    }

    public static string Fixture(string name) => File.ReadAllText(RepositoryRoot.File("tests", "fixtures", "siem", name));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        // A real-time bound: with a FakeTimeProvider the host's own shutdown timeout never elapses, and a browser's
        // keep-alive connection would then hold Kestrel's graceful stop forever.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await App.StopAsync(stop.Token);
        try
        {
            // The same real-time bound for disposal, which waits for the host's services and connections.
            await App.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            await Mail.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
        }
    }
}
