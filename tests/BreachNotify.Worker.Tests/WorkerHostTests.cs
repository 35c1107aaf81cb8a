using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Worker.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace BreachNotify.Worker.Tests;

/// <summary>The isolated worker driven over the host protocol, as the Functions host drives it, on Azurite and a SendGrid capture.</summary>
public sealed partial class WorkerHostTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Worker_DeclaresAndLoadsEveryFunctionOfItsMetadata_WithItsWebServerForHttp()
    {
        await using var app = await WorkerApp.StartAsync(azurite);

        using var generated = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(FunctionsTestHost.WorkerDirectory, "functions.metadata"), TestContext.Current.CancellationToken));
        Assert.Equal(generated.RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()).Order(), app.Host.Functions.Select(f => f.Name).Order());
        Assert.All(app.Host.Declared, d => Assert.Equal("dotnet-isolated", d.Language));
        Assert.Equal("localhost", app.Host.HttpUri.Host);

        var queue = app.Host.Function(FunctionsTestHost.WorkItemFunction);
        Assert.Equal("queueTrigger", queue.TriggerType);
        Assert.Equal(StorageNames.DefaultWorkflowQueue, queue.Trigger.GetProperty("queueName").GetString());
        Assert.Equal("Storage", queue.Trigger.GetProperty("connection").GetString());
        var sweep = app.Host.Function(FunctionsTestHost.SweepFunction);
        Assert.Equal("timerTrigger", sweep.TriggerType);
        Assert.Equal(["OutboxSweep", "WorkflowQueue"], app.Host.Functions.Where(f => !f.IsHttp).Select(f => f.Name).Order());
        // Only ingest needs the function key under the host; every other route authenticates itself.
        Assert.Equal(["Ingest"], app.Host.Functions.Where(f => f.IsHttp && f.Trigger.GetProperty("authLevel").GetString() != "Anonymous").Select(f => f.Name));
    }

    [Fact]
    public async Task EveryEndpointTheStandaloneHostMaps_HasItsFunction_AndEveryFunctionReachesItsEndpoint()
    {
        await using var app = await WorkerApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;

        HashSet<(string Route, string Method)> functions = [.. app.Host.Functions.Where(f => f.IsHttp).SelectMany(f => f.Methods.Select(m => ("/" + f.Route, m)))];
        var endpoints = await StandaloneEndpointsAsync();
        Assert.Empty(endpoints.Except(functions).Select(e => $"{e.Method} {e.Route}: mapped by the standalone host, no function"));
        Assert.Empty(functions.Except(endpoints).Select(e => $"{e.Method} {e.Route}: a function, no endpoint"));

        foreach (var function in app.Host.Functions.Where(f => f.IsHttp))
        {
            var path = "/" + Parameter().Replace(function.Route!, "v1");
            var method = new HttpMethod(function.Methods[0]);
            Assert.Same(function, app.Host.Route(method.Method, path));
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post)
            {
                request.Content = new StringContent("");
            }

            using var response = await app.Http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            // A failed invocation is the host's 500; an endpoint's own refusal (a 4xx, or 503 for a feature not configured) is an answer.
            Assert.False(response.StatusCode == HttpStatusCode.InternalServerError, $"{function.Name}: {method} {path} answered 500: {body}");
            // The app's routing found the endpoint: an unmatched route is the only empty 404.
            Assert.False(response.StatusCode == HttpStatusCode.NotFound && body.Length == 0, $"{function.Name}: {method} {path} reached no endpoint");
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    [Fact]
    public async Task DetectionPostedThroughTheWorker_ClassifiedByQueueTriggers_ApprovedNotifiedAndAcknowledged()
    {
        await using var app = await WorkerApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;

        var posted = await app.PostDetectionAsync(WorkerApp.Fixture("ocsf-detection-finding-exfil.json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var incidentId = (await posted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;

        Assert.True(await app.Host.DrainAsync(app.Queue) > 0);
        var approvalRequest = Assert.Single(app.Mail.Mails);
        Assert.Equal("ic@ntc.example", approvalRequest.To);
        Assert.Contains(incidentId, approvalRequest.Subject);
        var incident = await ReadAsync(app, incidentId);
        Assert.Equal("AwaitingDecision", incident.GetProperty("status").GetString());
        Assert.Equal(["contoso"], incident.GetProperty("affected").GetProperty("customers").EnumerateArray().Select(c => c.GetString()));

        using var decision = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve", comment = "confirmed exfiltration" }), ct);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        await app.Host.DrainAsync(app.Queue);
        var notices = app.Mail.Mails.Where(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal)).ToList();
        Assert.Equal(["privacy@contoso.example", "secresponse@cloud-host.example", "soc@contoso.example"], notices.Select(m => m.To).Order());

        // The link page through its function: GET shows the form (antiforgery cookie and field), POST records.
        var link = new Uri(AckPage.LinkIn(notices.Single(m => m.To == "soc@contoso.example").Html!));
        Assert.Equal(WorkerApp.PublicBase.Host, link.Host);
        var page = await app.Http.GetStringAsync(link, ct);
        var field = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page).QuerySelector("form input[type=hidden]");
        Assert.True(field is not null, page);
        using var post = new HttpRequestMessage(HttpMethod.Post, link)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [field.GetAttribute("name")!] = field.GetAttribute("value")!,
                ["name"] = "Sam Security",
            }),
        };
        // As a front end adds it: the app's FrontEnd settings (one trusted hop), not the worker's defaults (every hop), decide.
        post.Headers.Add("X-Forwarded-For", "198.51.100.23, 203.0.113.7");
        using var acknowledged = await app.Http.SendAsync(post, ct);
        var html = await acknowledged.Content.ReadAsStringAsync(ct);
        Assert.True(acknowledged.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("Your acknowledgement is recorded", html);
        await app.Host.DrainAsync(app.Queue);

        incident = await ReadAsync(app, incidentId);
        Assert.Equal("Approved", incident.GetProperty("status").GetString());
        Assert.Equal(1, incident.GetProperty("noticeCounts").GetProperty("acknowledged").GetInt32());
        var kinds = incident.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.Equal(3, kinds.Count(k => k == "noticeSent"));
        Assert.Equal(4, app.Mail.Mails.Count);
        var store = new NoticeStore(new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, Prefix = app.Prefix })));
        Assert.Equal("203.0.113.7", (await store.AllAsync(incidentId, ct)).Single(n => n.AcknowledgedAt is not null).AcknowledgedFrom);
    }

    [Fact]
    public async Task SweepTimer_PutsBackAWorkItemWhoseMessageWasLost()
    {
        await using var app = await WorkerApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;

        using var posted = await app.PostDetectionAsync(WorkerApp.Fixture("ocsf-detection-finding-exfil.json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        // The message of the classification timer is lost; only the outbox row remains.
        await app.Queue.ClearMessagesAsync(ct);
        Assert.Empty(app.Mail.Mails);

        // Past Workflow:RedispatchAfterSeconds the sweep sends the row again.
        var swept = false;
        for (var attempt = 0; attempt < 40 && !swept; attempt++)
        {
            await Task.Delay(250, ct);
            FunctionsTestHost.Succeeded((await app.Host.InvokeTimerAsync()).Result, "sweep", app.Host.Diagnostics);
            swept = (await app.Queue.PeekMessagesAsync(1, ct)).Value.Length > 0;
        }

        Assert.True(swept, "the sweep never put the work item back");
        await app.Host.DrainAsync(app.Queue);
        Assert.Equal("ic@ntc.example", Assert.Single(app.Mail.Mails).To);
    }

    [Fact]
    public void HostJson_RetriesAsTheAppDoes()
    {
        var workflow = new WorkflowOptions();
        // The one host.json (the custom handler's is retired), as built beside the worker.
        Assert.False(File.Exists(RepositoryRoot.File("host.json")), "a second host.json at the repository root");
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsTestHost.WorkerDirectory, "host.json")));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");
        Assert.Equal(5, workflow.MaxDequeueCount);
        Assert.Equal(workflow.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(60, workflow.VisibilityTimeoutSeconds);
        Assert.Equal(TimeSpan.FromSeconds(workflow.VisibilityTimeoutSeconds), TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
    }

    private static async Task<JsonElement> ReadAsync(WorkerApp app, string incidentId)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"/api/incidents/{incidentId}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HashSet<(string Route, string Method)>> StandaloneEndpointsAsync()
    {
        var settings = WorkerApp.Settings(azurite.ConnectionString, azurite.NewPrefix(), new Uri("http://127.0.0.1:9"));
        settings["Workflow:RunWorkers"] = "false";
        var (app, problems) = BreachNotifyApp.Create(["--hostBuilder:reloadConfigOnChange=false"], b => b.Configuration.AddInMemoryCollection(settings));
        Assert.True(app is not null, string.Join("; ", problems));
        await using var _ = app;
        return [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => ("/" + e.RoutePattern.RawText!.TrimStart('/'), m)))];
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
