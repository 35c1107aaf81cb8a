using System.Net.Http.Headers;
using System.Text;
using Azure.Storage.Queues;
using BreachNotify.Functions.Ingest;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.MailCapture;

namespace BreachNotify.Worker.Tests.Infrastructure;

/// <summary>The worker under the test host, on Azurite (its own prefix) and a SendGrid capture, with the app tests' settings.</summary>
public sealed class WorkerApp : IAsyncDisposable
{
    public const string Source = "siem";
    public const string SourceSecret = "test-source-secret-0123456789";
    public const string CommanderKey = "test-commander-key-primary";
    public static readonly Uri PublicBase = new("http://notify.test");

    private WorkerApp(FunctionsTestHost host, MailCaptureServer mail, string prefix, QueueClient queue)
    {
        Host = host;
        Mail = mail;
        Prefix = prefix;
        Queue = queue;
        Http = host.CreateClient(PublicBase);
    }

    public FunctionsTestHost Host { get; }

    public MailCaptureServer Mail { get; }

    public string Prefix { get; }

    /// <summary>The work-item queue the app writes (the host's queue trigger would listen on it).</summary>
    public QueueClient Queue { get; }

    public HttpClient Http { get; }

    public static Dictionary<string, string?> Settings(string connectionString, string prefix, Uri mailHost) => new()
    {
        ["PublicBaseUrl"] = PublicBase.ToString().TrimEnd('/'),
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
        ["Commanders:Keys:ic-primary"] = CommanderKeyHash.Of(CommanderKey),
        ["Workflow:ApprovalEscalationMinutes"] = "60",
        ["Workflow:AckReminderMinutes"] = "600",
        ["Workflow:SendLeaseSeconds"] = "5",
        ["Workflow:RedispatchAfterSeconds"] = "1",
    };

    public static async Task<WorkerApp> StartAsync(AzuriteFixture azurite, Action<Dictionary<string, string?>>? configure = null)
    {
        var mail = await MailCaptureServer.StartAsync(new MailCaptureOptions());
        var prefix = azurite.NewPrefix();
        var settings = Settings(azurite.ConnectionString, prefix, mail.BaseAddress);
        configure?.Invoke(settings);
        try
        {
            var host = await FunctionsTestHost.StartAsync(settings);
            var queue = new QueueClient(azurite.ConnectionString, StorageNames.WithPrefix(prefix).WorkflowQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
            return new WorkerApp(host, mail, prefix, queue);
        }
        catch
        {
            await mail.DisposeAsync();
            throw;
        }
    }

    public Task<HttpResponseMessage> PostDetectionAsync(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/detections?source={Source}") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(IngestOptions.SignatureHeader, SourceSignature.Sign(SourceSecret, bytes, null));
        return Http.SendAsync(request);
    }

    public HttpRequestMessage AsCommander(HttpMethod method, string path, object? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", CommanderKey);
        if (json is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(json);
        }

        return request;
    }

    public static string Fixture(string name) => File.ReadAllText(RepositoryRoot.File("tests", "fixtures", "siem", name));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Mail.DisposeAsync();
    }
}
