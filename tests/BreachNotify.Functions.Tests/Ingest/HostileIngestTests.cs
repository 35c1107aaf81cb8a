using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Ingest;

/// <summary>Ingest against hostile input: bad text in JSON strings, other charsets, CR-only lines, floods and concurrency.</summary>
public sealed class HostileIngestTests(AzuriteFixture azurite)
{
    /// <summary>One fixture of every JSON format (OCSF twice: finding and incident).</summary>
    public static TheoryData<string, string> EveryFormatAndBadText()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in new[]
        {
            "ocsf-detection-finding-exfil.json", "ocsf-incident-finding-ransomware.json", "sentinel-incident-ransomware.json", "splunk-webhook-vpn-bruteforce.json",
            "elastic-alert-bucket-access.json", "qradar-offense-exfil.json", "pagerduty-trigger-db-exposure.json", "generic-subprocessor-report.json",
        })
        {
            data.Add(fixture, "invalid-utf8");
            data.Add(fixture, "lone-surrogate");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryFormatAndBadText))]
    public async Task Post_BadTextInAStringOfAnyJsonFormat_Answers400NamingTheField_AndStoresNothing(string fixture, string badText)
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var (body, key) = HostileRequests.CorruptFirstString(TestApp.Fixture(fixture), badText == "invalid-utf8" ? [0xC3, 0x28] : Encoding.ASCII.GetBytes("\\ud800"));

        using var response = await app.Http.SendAsync(HostileRequests.SignedIngest(body), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var field = problem.GetProperty("errors").EnumerateObject().First().Name!;
        Assert.EndsWith("." + key, field);
        Assert.Equal(0, await StorageProbe.RowCountAsync(azurite, app.Prefix));
    }

    [Theory]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/cloudevents+json; charset=utf-32")]
    public async Task Post_JsonDeclaredInAnotherCharset_Answers415(string contentType)
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var body = Encoding.Unicode.GetBytes(TestApp.Fixture("generic-subprocessor-report.json"));

        using var response = await app.Http.SendAsync(HostileRequests.SignedIngest(body, contentType), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await StorageProbe.RowCountAsync(azurite, app.Prefix));
    }

    [Fact]
    public async Task Post_JsonDeclaredAsUtf8_IsStillAccepted()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var body = Encoding.UTF8.GetBytes(TestApp.Fixture("generic-subprocessor-report.json"));

        using var response = await app.Http.SendAsync(HostileRequests.SignedIngest(body, "application/json; charset=UTF-8"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Post_CefLinesEndingInCrOnly_AreReadAsSeparateEvents()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var lines = TestApp.Fixture("cef-dlp-exfil.log").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        using var response = await app.PostCefAsync(string.Join('\r', lines) + "\r");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(lines.Length, accepted.GetArrayLength());
    }

    [Fact]
    public async Task Post_CefNotValidUtf8_Answers400AndStoresNothing()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var body = HostileRequests.WithInvalidUtf8(TestApp.Fixture("cef-dlp-exfil.log").Replace("Personal data", "Personal@@data", StringComparison.Ordinal));

        using var response = await app.Http.SendAsync(HostileRequests.SignedIngest(body, "text/plain"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await StorageProbe.RowCountAsync(azurite, app.Prefix));
    }

    [Fact]
    public async Task UnsignedFloodUnderAKnownSourceName_DoesNotSpendThatSourcesLimit_AndIsItselfLimitedByAddress()
    {
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Workflow:RunWorkers"] = "false";
            s["Ingest:PermitsPerMinute"] = "5";
            s["ClientLimits:AuthFailuresPerMinute"] = "10";
        });
        using var attacker = HostileRequests.From(app.BaseAddress, "127.0.0.2");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 30; i++)
        {
            var unsigned = new HttpRequestMessage(HttpMethod.Post, "/api/detections?source=siem") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            var response = await attacker.SendAsync(unsigned, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            limited ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        using var real = await app.PostDetectionAsync(TestApp.Fixture("generic-subprocessor-report.json"));

        Assert.Equal(HttpStatusCode.Accepted, real.StatusCode);
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.NotNull(limited!.Headers.RetryAfter);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ConcurrentRelatedDetections_NeverGrowOneIncidentPast100()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        var first = await (await app.PostDetectionAsync(TestApp.Fixture("sentinel-incident-ransomware.json"))).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var incidentId = first.GetProperty("incidentId").GetString()!;

        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 130), new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (i, _) =>
        {
            var related = $$"""{ "externalId": "EDR-{{i}}", "title": "Mass file encryption on the export share", "category": "ransomware", "assets": ["exports-share"] }""";
            using var response = await app.PostDetectionAsync(related);
            statuses.Add(response.StatusCode);
        });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));
        var incident = await Workflow.EndToEndTests.ReadAsync(app, incidentId);
        Assert.Equal(DetectionIntake.MaxDetectionsPerIncident, incident.GetProperty("detections").GetArrayLength());
    }
}
