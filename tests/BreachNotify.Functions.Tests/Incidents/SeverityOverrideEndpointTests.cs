using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Incidents;

/// <summary><c>"decision": "override-severity"</c> through the running app on Azurite: validated, on the timeline, in the controller pack.</summary>
public sealed class SeverityOverrideEndpointTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOverride_IsOnTheTimeline_AndThePackScoresWithIt_WhileBadInputIsA400NamingTheFieldAndStoresNothing()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var id = (await (await app.PostDetectionAsync(IncidentPhaseEndpointTests.First)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("incidentId").GetString()!;
        await IncidentPhaseEndpointTests.WaitForStatusAsync(app, id, "AwaitingDecision");

        await AssertInvalidAsync(app, id, new { decision = "override-severity", severity = new { dataProcessingContext = 9 }, comment = "why" }, "severity.dataProcessingContext");
        await AssertInvalidAsync(app, id, new { decision = "override-severity", severity = new { integrity = "shattered" }, comment = "why" }, "severity.integrity");
        await AssertInvalidAsync(app, id, new { decision = "override-severity", severity = new { integrity = 7 }, comment = "why" }, "severity.integrity");
        await AssertInvalidAsync(app, id, new { decision = "override-severity", severity = new { integrity = "none" } }, "comment");
        await AssertInvalidAsync(app, id, new { decision = "override-severity", comment = "why" }, "severity");
        await AssertInvalidAsync(app, id, new { decision = "reject", severity = new { integrity = "none" } }, "severity");
        Assert.DoesNotContain((await Workflow.EndToEndTests.ReadAsync(app, id)).GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "severityOverridden");

        var body = new { decision = "override-severity", severity = new { confidentiality = "knownRecipients", maliciousIntent = false }, comment = "sent by mistake to a partner who deleted it" };
        Assert.Equal(HttpStatusCode.OK, (await IncidentPhaseEndpointTests.Decide(app, id, body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await IncidentPhaseEndpointTests.Decide(app, id, body)).StatusCode);

        var timeline = (await Workflow.EndToEndTests.ReadAsync(app, id)).GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("kind").GetString() == "severityOverridden").ToList();
        var entry = Assert.Single(timeline);
        Assert.Equal("commander:ic-primary", entry.GetProperty("actor").GetString());
        Assert.Equal("severity inputs overridden: confidentiality, maliciousIntent", entry.GetProperty("detail").GetString());

        var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"/api/incidents/{id}/controller-packs/contoso"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        using var pack = JsonDocument.Parse(text);
        var schema = ControllerPackSchema.Instance;
        Assert.True(schema.Evaluate(pack.RootElement).IsValid, text);
        var severity = pack.RootElement.GetProperty("severity");
        Assert.Equal(["confidentiality", "maliciousIntent"], severity.GetProperty("overridden").EnumerateArray().Select(o => o.GetString()));
        // A confidentiality breach only: known recipients (+0.25), no integrity or availability loss, no malice.
        Assert.Equal(0.25m, severity.GetProperty("circumstancesScore").GetDecimal());
        Assert.Equal("knownRecipients", severity.GetProperty("inputs").GetProperty("confidentiality").GetString());
    }

    private static async Task AssertInvalidAsync(TestApp app, string id, object body, string field)
    {
        var response = await IncidentPhaseEndpointTests.Decide(app, id, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
