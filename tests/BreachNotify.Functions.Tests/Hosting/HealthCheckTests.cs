using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>/healthz and /readyz through the framework's health checks: liveness ignores storage, readiness needs tables and queue.</summary>
public sealed class HealthCheckTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Readyz_WorkflowQueueGone_Answers503Problem_AndReadyOnceItIsBack()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var cancellationToken = TestContext.Current.CancellationToken;
        var queue = app.Services.GetRequiredService<StorageClients>().WorkflowQueue;
        await AssertReadyAsync(app);

        await queue.DeleteAsync(cancellationToken);
        await AssertUnreadyAsync(app);

        await queue.CreateAsync(cancellationToken: cancellationToken);
        await AssertReadyAsync(app);
    }

    [Fact]
    public async Task Readyz_IncidentsTableGone_Answers503Problem()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        await app.Services.GetRequiredService<StorageClients>().Incidents.DeleteAsync(TestContext.Current.CancellationToken);

        await AssertUnreadyAsync(app);
    }

    [Fact]
    public async Task Healthz_StorageDown_StillAnswersOk_WhileReadyzDoesNot()
    {
        await using var storage = await OwnAzurite.StartAsync();
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Storage:ConnectionString"] = storage.ConnectionString;
            s["Workflow:RunWorkers"] = "false";
        });

        storage.Stop();

        using var live = await app.Http.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("text/plain", live.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ok", await live.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await AssertUnreadyAsync(app);
    }

    private static async Task AssertReadyAsync(TestApp app)
    {
        using var response = await app.Http.GetAsync("/readyz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static async Task AssertUnreadyAsync(TestApp app)
    {
        using var response = await app.Http.GetAsync("/readyz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Storage unreachable", problem.GetProperty("title").GetString());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
    }
}
