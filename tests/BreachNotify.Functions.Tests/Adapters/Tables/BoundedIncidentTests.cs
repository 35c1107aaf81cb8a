using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Adapters.Tables;

/// <summary>
/// No incident may outgrow its storage row (an entity is at most 1 MiB): detections live in rows of their own, the
/// state keeps a bounded summary of each, and every list of the product's own format is capped with a 400 naming it.
/// </summary>
public sealed class BoundedIncidentTests(AzuriteFixture azurite)
{
    private const int Detections = 100;

    [Fact]
    public async Task An_incident_filled_with_a_hundred_large_related_detections_is_still_approved_and_sends_its_notices()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        // Without the settler: 100 posts need not each wait for their classification.
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        string? incidentId = null;
        for (var i = 0; i < Detections; i++)
        {
            var response = await http.SendAsync(TestApp.SignedDetection(LargeDetection(i)), ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"detection {i}: {(int)response.StatusCode} {body}");
            var id = JsonDocument.Parse(body).RootElement.GetProperty("incidentId").GetString();
            incidentId ??= id;
            Assert.Equal(incidentId, id);
        }

        // Every detection kept in full, in its own row.
        var incident = await WaitForAsync(app, incidentId!, i => i.GetProperty("status").GetString() == "AwaitingDecision"
            && i.GetProperty("detections").GetArrayLength() == Detections
            && i.TryGetProperty("classification", out _), ct);
        var last = incident.GetProperty("detections")[Detections - 1];
        Assert.Equal("LARGE-99", last.GetProperty("sourceId").GetString());
        Assert.Equal(200, last.GetProperty("evidence").GetArrayLength());

        var decision = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve", comment = "confirmed" }), ct);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        var notices = await app.WaitForMailsAsync(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal), count: 3);
        Assert.Equal(["dpo@tailspin.example", "legal@fabrikam.example", "secresponse@cloud-host.example"], notices.Select(m => m.To).Order().ToArray());
    }

    [Fact]
    public async Task An_incident_affecting_two_thousand_customers_is_classified_approved_and_notifies_each_once()
    {
        const int Customers = 2_000;
        await using var app = await TestApp.StartAsync(azurite, s => s["Directory:Path"] = GeneratedDirectory.Write(Customers, 1, "en-GB"));
        var ct = TestContext.Current.CancellationToken;

        var accepted = await (await app.PostDetectionAsync(GeneratedDirectory.Detection("WIDE-1"))).Content.ReadFromJsonAsync<JsonElement>(ct);
        var incidentId = accepted.GetProperty("incidentId").GetString()!;
        // A due time and a statutory clock per customer: as text this classification is over an entity's 1 MiB.
        var incident = await WaitForAsync(app, incidentId, i => i.GetProperty("status").GetString() == "AwaitingDecision", ct);
        Assert.Equal(Customers, incident.GetProperty("affected").GetProperty("customers").GetArrayLength());

        var decision = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        var notices = await app.WaitForMailsAsync(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal), count: Customers, seconds: 120);
        Assert.Equal(Enumerable.Range(0, Customers).Select(c => $"k0@c{c:D4}.example").Order(), notices.Select(m => m.To).Order());
    }

    public static TheoryData<string, string> OverfullLists => new()
    {
        { "assets", $$"""{ "externalId": "X-1", "title": "t", "assets": [{{Items(201)}}] }""" },
        { "categories", $$"""{ "externalId": "X-1", "title": "t", "assets": ["exports-share"], "categories": [{{Items(201)}}] }""" },
        { "dataCategories", $$"""{ "externalId": "X-1", "title": "t", "assets": ["exports-share"], "dataCategories": [{{Items(201)}}] }""" },
        { "evidence", $$"""{ "externalId": "X-1", "title": "t", "assets": ["exports-share"], "evidence": { {{string.Join(", ", Enumerable.Range(0, 201).Select(i => $"\"k{i}\": \"v\""))}} } }""" },
    };

    [Theory]
    [MemberData(nameof(OverfullLists))]
    public async Task A_list_over_its_cap_is_refused_with_a_400_naming_it_and_nothing_is_stored(string list, string body)
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");

        var response = await app.PostDetectionAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains($"$.{list}", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(0, await StorageProbe.RowCountAsync(azurite, app.Prefix));
    }

    [Fact]
    public async Task A_detection_too_large_to_store_is_refused_naming_it_and_nothing_of_its_request_is_stored()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        // Non-ASCII evidence is stored escaped (\uXXXX): 200 items of 500 such characters need about 600,000 characters.
        var huge = $$"""{ "externalId": "HUGE-1", "title": "t", "assets": ["exports-share"], "evidence": { {{string.Join(", ", Enumerable.Range(0, 200).Select(i => $"\"k{i}\": \"{new string('é', 500)}\""))}} } }""";
        var small = """{ "externalId": "SMALL-1", "title": "t", "assets": ["exports-share"] }""";

        var response = await app.PostDetectionAsync($"[{small}, {huge}]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("$[1]", error.Name);
        Assert.Contains("too large to store", Assert.Single(error.Value.EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await StorageProbe.RowCountAsync(azurite, app.Prefix));
    }

    /// <summary>About 160,000 characters: 200 evidence items of 256-character names and 500-character values, and a full description.</summary>
    private static string LargeDetection(int i)
    {
        var evidence = new StringBuilder();
        for (var e = 0; e < 200; e++)
        {
            evidence.Append(e == 0 ? "" : ", ").Append('"').Append($"field-{i}-{e}-".PadRight(256, 'n')).Append("\": \"").Append($"value-{i}-{e}-".PadRight(500, 'v')).Append('"');
        }

        return $$"""
            { "externalId": "LARGE-{{i}}", "title": "Mass file encryption on the export share ({{i}})", "category": "ransomware",
              "assets": ["exports-share"], "description": "{{new string('d', 8_000)}}", "evidence": { {{evidence}} } }
            """;
    }

    private static string Items(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"\"item-{i}\""));

    private static async Task<JsonElement> WaitForAsync(TestApp app, string incidentId, Func<JsonElement, bool> done, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        JsonElement incident = default;
        while (DateTime.UtcNow < deadline)
        {
            incident = await Workflow.EndToEndTests.ReadAsync(app, incidentId);
            if (done(incident))
            {
                return incident;
            }

            await Task.Delay(500, ct);
        }

        throw new TimeoutException($"Incident {incidentId} did not get there: status {incident.GetProperty("status")}, {incident.GetProperty("detections").GetArrayLength()} detections");
    }
}
