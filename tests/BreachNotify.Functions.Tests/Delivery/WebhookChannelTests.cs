using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BreachNotify.Functions.Delivery;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Tests.Workflow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.Tests.Delivery;

/// <summary>The webhook channel on the real app: a customer's signed POST beside its mails, once, retried, acknowledged.</summary>
public sealed class WebhookChannelTests(AzuriteFixture azurite)
{
    private const string Secret = "contoso-webhook-secret-0123456789";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CustomerWithWebhook_GetsOneSignedPost_BesideItsMails_AndItsAckLinkWorks()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var app = await StartAsync(receiver);
        var ct = TestContext.Current.CancellationToken;

        var incidentId = await PostAndApproveAsync(app, ct);

        // The three mails still go out (approval request + contoso x2 + cloud-host).
        var mails = await app.Mail.WaitForMailsAsync(4, Wait);
        Assert.Equal(["privacy@contoso.example", "secresponse@cloud-host.example", "soc@contoso.example"], mails.Skip(1).Select(m => m.To).Order().ToArray());

        var post = (await receiver.WaitForAsync(1, Wait)).Single();
        await Task.Delay(1500, ct);
        Assert.Single(receiver.Requests);

        // Signed with the customer's secret over "{timestamp}.{body}".
        Assert.Equal(WebhookSender.Sign(Secret, long.Parse(post.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), post.Body), post.Signature);
        using var body = JsonDocument.Parse(post.Body);
        var root = body.RootElement;
        Assert.Equal(incidentId, root.GetProperty("incidentId").GetString());
        Assert.Equal("contoso", root.GetProperty("partyId").GetString());
        var noticeId = root.GetProperty("noticeId").GetString()!;
        Assert.Equal($"{incidentId}/{noticeId}", post.IdempotencyKey);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("processor").GetString()));
        Assert.Contains(incidentId, root.GetProperty("subject").GetString());
        Assert.True(root.TryGetProperty("dueAt", out _));
        var ackUrl = root.GetProperty("ackUrl").GetString()!;
        Assert.StartsWith(app.Settings["PublicBaseUrl"]!, ackUrl);
        Assert.Contains(ackUrl, root.GetProperty("text").GetString());
        Assert.DoesNotContain(BreachNotify.Notices.NoticeContent.AckUrlTag, root.GetProperty("text").GetString());

        var (ack, html) = await AckPage.AcknowledgeAsync(new Uri(ackUrl), "Contoso Automation");
        Assert.True(ack.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("Your acknowledgement is recorded", html);

        var incident = await EndToEndTests.ReadAsync(app, incidentId);
        var notices = incident.GetProperty("notices").EnumerateArray().ToList();
        Assert.Equal(4, notices.Count);
        var webhook = notices.Single(n => n.GetProperty("channel").GetString() == "webhook");
        Assert.Equal(noticeId, webhook.GetProperty("noticeId").GetString());
        Assert.Equal("contoso", webhook.GetProperty("recipientId").GetString());
        Assert.Equal("acknowledged", webhook.GetProperty("status").GetString()!.ToLowerInvariant());
        Assert.True(webhook.TryGetProperty("sentAt", out _));
        Assert.Equal(1, webhook.GetProperty("attempts").GetInt32());
        Assert.Equal("Contoso Automation", webhook.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(3, notices.Count(n => n.GetProperty("channel").GetString() == "email"));
        Assert.Equal(4, app.Mail.Mails.Count);
    }

    [Fact]
    public async Task ReceiverAnswering503Twice_IsRetriedByThePipeline_AndTakesTheNoticeOnce()
    {
        await using var receiver = await Receiver.StartAsync(503, 503);
        await using var app = await StartAsync(receiver);
        var ct = TestContext.Current.CancellationToken;

        var incidentId = await PostAndApproveAsync(app, ct);

        var requests = await receiver.WaitForAsync(3, Wait);
        await Task.Delay(1500, ct);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal([503, 503, 200], receiver.Requests.Select(r => r.Answered));
        Assert.Single(requests.Select(r => r.IdempotencyKey).Distinct());
        Assert.All(requests, r => Assert.Equal(WebhookSender.Sign(Secret, long.Parse(r.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), r.Body), r.Signature));

        var webhook = await WaitForWebhookNoticeAsync(app, incidentId, n => n.GetProperty("status").GetString() == "Sent", ct);
        Assert.Equal(1, webhook.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public void DirectoryWebhook_WithoutConfiguredSecret_IsAStartupProblemNamingTheKey()
    {
        var settings = TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), new Uri("http://127.0.0.1:9"), AzuriteFixture.FreePort());
        settings["Directory:Path"] = DirectoryWithWebhook("https://hooks.contoso.example/breach", "contoso-prod");

        var (result, problems) = StartupSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), RepositoryRoot.Path);

        Assert.Null(result);
        Assert.Contains(problems, p => p.StartsWith("Webhooks:contoso-prod:Secret: required, at least 16 characters", StringComparison.Ordinal));
    }

    [Fact]
    public void DirectoryWebhook_PlainHttpToAnotherHost_IsAStartupProblemNamingTheEntry()
    {
        var settings = TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), new Uri("http://127.0.0.1:9"), AzuriteFixture.FreePort());
        settings["Directory:Path"] = DirectoryWithWebhook("http://hooks.contoso.example/breach", "contoso");
        settings["Webhooks:contoso:Secret"] = Secret;

        var (result, problems) = StartupSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), RepositoryRoot.Path);

        Assert.Null(result);
        Assert.Contains(problems, p => p.StartsWith("Directory:Path: customers[contoso].webhook.url: 'http://hooks.contoso.example/breach' must use https", StringComparison.Ordinal));
    }

    private Task<TestApp> StartAsync(Receiver receiver) =>
        TestApp.StartAsync(azurite, s =>
        {
            s["Directory:Path"] = DirectoryWithWebhook(receiver.Url, "contoso");
            s["Webhooks:contoso:Secret"] = Secret;
        });

    private static async Task<string> PostAndApproveAsync(TestApp app, CancellationToken ct)
    {
        var accepted = await (await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"))).Content.ReadFromJsonAsync<JsonElement>(ct);
        var incidentId = accepted.GetProperty("incidentId").GetString()!;
        await app.Mail.WaitForMailsAsync(1, Wait);
        var decision = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        return incidentId;
    }

    private static async Task<JsonElement> WaitForWebhookNoticeAsync(TestApp app, string incidentId, Func<JsonElement, bool> condition, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var incident = await EndToEndTests.ReadAsync(app, incidentId);
            var notice = incident.GetProperty("notices").EnumerateArray().FirstOrDefault(n => n.GetProperty("channel").GetString() == "webhook");
            if (notice.ValueKind == JsonValueKind.Object && condition(notice))
            {
                return notice;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The webhook notice did not get there: {notice}");
            await Task.Delay(100, ct);
        }
    }

    private static string DirectoryWithWebhook(string url, string secretName)
    {
        var directory = JsonNode.Parse(File.ReadAllText(RepositoryRoot.File("samples", "directory.sample.json")))!;
        var contoso = directory["customers"]!.AsArray().Single(c => (string?)c!["id"] == "contoso")!;
        contoso["webhook"] = new JsonObject { ["url"] = url, ["secretName"] = secretName };
        var path = Path.Combine(Path.GetTempPath(), $"directory-webhook-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, directory.ToJsonString());
        return path;
    }

    private sealed record Received(string Body, string? Signature, string? Timestamp, string? IdempotencyKey, int Answered);

    /// <summary>A plain-http receiver on 127.0.0.1 (loopback http is allowed) that answers the scripted statuses, then 200.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly ConcurrentQueue<int> script;
        private readonly ConcurrentQueue<Received> requests = new();

        private Receiver(WebApplication app, ConcurrentQueue<int> script, string url)
        {
            this.app = app;
            this.script = script;
            Url = url;
        }

        public string Url { get; }

        public IReadOnlyList<Received> Requests => [.. requests];

        public static async Task<Receiver> StartAsync(params int[] statuses)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var script = new ConcurrentQueue<int>(statuses);
            Receiver? receiver = null;
            app.MapPost("/hook", async (HttpContext http) =>
            {
                using var reader = new StreamReader(http.Request.Body);
                var body = await reader.ReadToEndAsync();
                var status = script.TryDequeue(out var scripted) ? scripted : 200;
                receiver!.requests.Enqueue(new Received(
                    body,
                    http.Request.Headers[WebhookSender.SignatureHeader].ToString(),
                    http.Request.Headers[WebhookSender.TimestampHeader].ToString(),
                    http.Request.Headers[WebhookSender.IdempotencyKeyHeader].ToString(),
                    status));
                return Results.StatusCode(status);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            receiver = new Receiver(app, script, $"{address.TrimEnd('/')}/hook");
            return receiver;
        }

        public async Task<IReadOnlyList<Received>> WaitForAsync(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (requests.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"The receiver got {requests.Count} of {count} requests.");
                await Task.Delay(50);
            }

            return [.. requests];
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
