using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Ingest;

/// <summary>Every row of shared/fixtures/README.md's table, through the running app on Azurite.</summary>
public sealed class FixtureOutcomeTests(AzuriteFixture azurite)
{
    public static TheoryData<string, string, string[], string[], string[]> Rows => new()
    {
        { "ocsf-detection-finding-exfil.json", "PersonalDataBreach", ["confidentiality"], ["contoso"], ["cloud-host"] },
        { "sentinel-incident-ransomware.json", "PersonalDataBreach", ["integrity", "availability"], ["fabrikam", "tailspin"], ["cloud-host"] },
        { "splunk-webhook-vpn-bruteforce.json", "NotPersonalDataBreach", [], [], [] },
        { "elastic-alert-bucket-access.json", "PersonalDataBreach", ["confidentiality"], ["fabrikam"], ["cloud-host"] },
        { "generic-subprocessor-report.json", "PersonalDataBreach", ["confidentiality"], ["fabrikam", "woodgrove"], ["llm-provider"] },
        { "cef-dlp-exfil.log", "PersonalDataBreach", ["confidentiality"], ["contoso"], ["cloud-host"] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Fixture_ClassifiesAsTheTableSays(string fixture, string verdict, string[] breachTypes, string[] customers, string[] subprocessors)
    {
        await using var app = await TestApp.StartAsync(azurite);
        var body = TestApp.Fixture(fixture);
        var response = fixture.StartsWith("splunk", StringComparison.Ordinal)
            ? await app.Http.PostAsync($"/api/detections?source=splunk&token={TestApp.SplunkToken}", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken)
            : fixture.EndsWith(".log", StringComparison.Ordinal) ? await app.PostCefAsync(body) : await app.PostDetectionAsync(body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var incidentId = (accepted.ValueKind == JsonValueKind.Array ? accepted[0] : accepted).GetProperty("incidentId").GetString()!;

        var incident = await Workflow.EndToEndTests.ReadAsync(app, incidentId);
        var classification = incident.GetProperty("classification");

        Assert.Equal(verdict, classification.GetProperty("verdict").GetString());
        Assert.Equal(breachTypes.Order(), Strings(classification.GetProperty("breachTypes")).Order());
        Assert.Equal(customers, Strings(incident.GetProperty("affected").GetProperty("customers")));
        Assert.Equal(subprocessors, Strings(incident.GetProperty("affected").GetProperty("subprocessors")));
        Assert.NotEmpty(Strings(classification.GetProperty("rationale")));
        // A security incident without personal data is still on the register, with no decision pending.
        Assert.Equal(verdict == "NotPersonalDataBreach" ? "NoBreach" : "AwaitingDecision", incident.GetProperty("status").GetString());
        // Each affected party is due at awareness plus its contractual limit (or the processor default).
        Assert.Equal(customers.Length + subprocessors.Length, incident.GetProperty("deadlines").GetArrayLength());
    }

    [Fact]
    public async Task SentinelUpdate_AfterApproval_JoinsTheIncidentAndSendsNoSecondNotice()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var first = await (await app.PostDetectionAsync(TestApp.Fixture("sentinel-incident-ransomware.json"))).Content.ReadFromJsonAsync<JsonElement>(ct);
        var incidentId = first.GetProperty("incidentId").GetString()!;
        (await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct)).EnsureSuccessStatusCode();
        // fabrikam (1 contact) + tailspin (1) + cloud-host (1)
        await WaitForNoticesAsync(app, 3);

        var update = await (await app.PostDetectionAsync(TestApp.Fixture("sentinel-incident-ransomware-update.json"))).Content.ReadFromJsonAsync<JsonElement>(ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);

        Assert.Equal(incidentId, update.GetProperty("incidentId").GetString());
        Assert.True(update.GetProperty("duplicate").GetBoolean());
        Assert.Equal(3, Notices(app));
        var incident = await Workflow.EndToEndTests.ReadAsync(app, incidentId);
        Assert.Equal(1, incident.GetProperty("detections").GetArrayLength());
        Assert.Equal("Active", incident.GetProperty("detections")[0].GetProperty("sourceStatus").GetString());
        Assert.Contains(incident.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "detectionUpdated");
    }

    [Fact]
    public async Task SplunkNoBreach_CommanderReclassifiesAsBreachForCustomer_ThenApprovalNotifiesIt()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var accepted = await (await app.Http.PostAsync($"/api/detections?source=splunk&token={TestApp.SplunkToken}",
            new StringContent(TestApp.Fixture("splunk-webhook-vpn-bruteforce.json"), Encoding.UTF8, "application/json"), ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var incidentId = accepted.GetProperty("incidentId").GetString()!;

        var reclassify = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision",
            new { decision = "reclassify", verdict = "personalDataBreach", comment = "VPN logs show a successful login to the HR share", customers = new[] { "tailspin" } }), ct);
        Assert.Equal(HttpStatusCode.OK, reclassify.StatusCode);
        var incident = await Workflow.EndToEndTests.ReadAsync(app, incidentId);
        Assert.Equal("AwaitingDecision", incident.GetProperty("status").GetString());
        Assert.Contains(Strings(incident.GetProperty("classification").GetProperty("rationale")), r => r.Contains("VPN logs show", StringComparison.Ordinal));

        (await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct)).EnsureSuccessStatusCode();
        await WaitForNoticesAsync(app, 1);
        Assert.Equal("dpo@tailspin.example", app.NoticeMails.Single().To);
    }

    private static int Notices(TestApp app) => app.NoticeMails.Count;

    private static async Task WaitForNoticesAsync(TestApp app, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Notices(app) < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(count, Notices(app));
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
