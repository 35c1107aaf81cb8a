using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Incidents;

/// <summary>Approving right after a detection arrives, before its classification: the answer says it is still being classified.</summary>
public sealed class DecisionWhileClassifyingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Approve_WhileTheIncidentIsReceived_Answers409ThatItIsStillBeingClassified()
    {
        // No workers: the incident stays as ingest left it, recorded and not classified yet.
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var ct = TestContext.Current.CancellationToken;
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");

        var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve", comment = "demo" }), ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith("the incident is still being classified", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("reclassify it before approving", detail, StringComparison.Ordinal);
        Assert.Equal("Received", (await ConsoleClient.ApiReadAsync(app, incidentId)).GetProperty("status").GetString());
    }
}
