using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.Ingest;

/// <summary>Related detections (another source, same assets) within the window join one incident.</summary>
public sealed class CorrelationTests(AzuriteFixture azurite)
{
    private static readonly string Original = TestApp.Fixture("sentinel-incident-ransomware.json");

    // Another SIEM reporting the same export share, with its own id.
    private const string Related = """
        { "externalId": "EDR-7781", "title": "Mass file encryption on the export share", "category": "ransomware", "assets": ["exports-share"] }
        """;

    [Fact]
    public async Task RelatedDetectionWithinTheWindow_JoinsTheIncident_AndItsResendStaysThere()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");

        var first = await PostAsync(app, Original);
        var related = await PostAsync(app, Related);
        var resend = await PostAsync(app, Related);

        Assert.Equal(first.GetProperty("incidentId").GetString(), related.GetProperty("incidentId").GetString());
        Assert.False(related.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.GetProperty("incidentId").GetString(), resend.GetProperty("incidentId").GetString());
        Assert.True(resend.GetProperty("duplicate").GetBoolean());
        var incident = await Workflow.EndToEndTests.ReadAsync(app, first.GetProperty("incidentId").GetString()!);
        Assert.Equal(2, incident.GetProperty("detections").GetArrayLength());
        Assert.Equal(2, incident.GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("kind").GetString() == "detectionRecorded"));
        var list = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, "/api/incidents"), TestContext.Current.CancellationToken);
        Assert.Equal(1, (await list.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetArrayLength());
    }

    [Fact]
    public async Task ResendAfterTheWindow_StaysInItsOwnIncident_ThoughANewerOneNowHoldsItsAssets()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Workflow:RunWorkers"] = "false";
            s["Ingest:CorrelationWindowMinutes"] = "30";
        }, time);

        var first = await PostAsync(app, Original);
        time.Advance(TimeSpan.FromMinutes(31));
        var later = await PostAsync(app, Related);
        var resend = await PostAsync(app, Original);

        Assert.NotEqual(first.GetProperty("incidentId").GetString(), later.GetProperty("incidentId").GetString());
        Assert.Equal(first.GetProperty("incidentId").GetString(), resend.GetProperty("incidentId").GetString());
        Assert.True(resend.GetProperty("duplicate").GetBoolean());
        var incident = await Workflow.EndToEndTests.ReadAsync(app, first.GetProperty("incidentId").GetString()!);
        Assert.Equal(1, incident.GetProperty("detections").GetArrayLength());
    }

    [Fact]
    public async Task UnrelatedAssets_OrCorrelationOff_OpenSeparateIncidents()
    {
        await using var off = await TestApp.StartAsync(azurite, s =>
        {
            s["Workflow:RunWorkers"] = "false";
            s["Ingest:CorrelationWindowMinutes"] = "0";
        });

        var first = await PostAsync(off, Original);
        var related = await PostAsync(off, Related);
        var unrelated = await PostAsync(off, TestApp.Fixture("ocsf-detection-finding-exfil.json"));

        Assert.NotEqual(first.GetProperty("incidentId").GetString(), related.GetProperty("incidentId").GetString());
        Assert.NotEqual(first.GetProperty("incidentId").GetString(), unrelated.GetProperty("incidentId").GetString());
    }

    private static async Task<JsonElement> PostAsync(TestApp app, string body)
    {
        var response = await app.PostDetectionAsync(body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
