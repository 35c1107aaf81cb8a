using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Incidents;

/// <summary><c>GET /api/incidents/{id}/controller-packs/{customerId}</c> through the running app on Azurite.</summary>
public sealed class ControllerPackEndpointTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_affected_customer_s_pack_follows_the_published_schema_and_names_when_its_notice_went_out()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var id = (await (await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"))).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        await app.WaitForMailsAsync(m => m.To == "ic@ntc.example");
        (await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{id}/decision", new { decision = "approve" }), ct)).EnsureSuccessStatusCode();
        await app.WaitForMailsAsync(m => m.To.EndsWith("@contoso.example", StringComparison.Ordinal), 2);
        await WaitForSentAsync(app, id);

        var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"/api/incidents/{id}/controller-packs/contoso"), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(ct);
        using var pack = JsonDocument.Parse(text);
        var schema = ControllerPackSchema.Instance;
        Assert.True(schema.Evaluate(pack.RootElement).IsValid, text);
        var root = pack.RootElement;
        Assert.Equal("contoso", root.GetProperty("controller").GetProperty("id").GetString());
        // sql-prod-eu holds 5000 records per customer in the sample directory.
        Assert.Equal(5000, root.GetProperty("nature").GetProperty("approxRecords").GetInt64());
        Assert.True(root.GetProperty("awareness").TryGetProperty("noticeSentAt", out var sentAt), text);
        Assert.True(sentAt.GetDateTimeOffset() >= root.GetProperty("awareness").GetProperty("processorAwareAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_customer_the_incident_does_not_affect_is_404_and_no_key_is_401()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var id = (await (await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"))).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        await app.WaitForMailsAsync(m => m.To == "ic@ntc.example");

        var other = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"/api/incidents/{id}/controller-packs/fabrikam"), ct);
        var anonymous = await app.Http.GetAsync($"/api/incidents/{id}/controller-packs/contoso", ct);
        var unknown = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, "/api/incidents/inc-nope/controller-packs/contoso"), ct);

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task WaitForSentAsync(TestApp app, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var incident = await Workflow.EndToEndTests.ReadAsync(app, id);
            if (incident.GetProperty("notices").EnumerateArray().Any(n => n.GetProperty("recipientId").GetString() == "contoso" && n.TryGetProperty("sentAt", out _)))
            {
                return;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("contoso's notice was not recorded as sent");
    }
}
