using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.Ingest;

public sealed class IngestEndpointTests(AzuriteFixture azurite)
{
    private static readonly string Generic = TestApp.Fixture("generic-subprocessor-report.json");
    private static readonly string Cef = TestApp.Fixture("cef-dlp-exfil.log");

    [Fact]
    public async Task Post_SignedGenericReport_Answers202WithIncidentAndStoresIt()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostDetectionAsync(Generic);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var incidentId = body.GetProperty("incidentId").GetString()!;
        Assert.StartsWith("inc-", incidentId);
        Assert.Equal("siem/LLM-SEC-2026-0117", body.GetProperty("detectionId").GetString());
        Assert.False(body.GetProperty("duplicate").GetBoolean());
        // Durable before the 202: the state and its history are in the table already.
        Assert.True(await StorageProbe.RowCountAsync(azurite, app.Prefix) >= 3);
    }

    [Fact]
    public async Task Post_OcsfDetectionFinding_IsAccepted()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Post_SameDetectionTwice_SecondIsDuplicateOfTheSameIncident()
    {
        // No workers: what the table holds is what ingest wrote.
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");

        var first = await (await app.PostDetectionAsync(Generic)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var rowsAfterFirst = await StorageProbe.RowCountAsync(azurite, app.Prefix);
        var second = await (await app.PostDetectionAsync(Generic)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(first.GetProperty("incidentId").GetString(), second.GetProperty("incidentId").GetString());
        Assert.True(second.GetProperty("duplicate").GetBoolean());
        Assert.Equal(rowsAfterFirst, await StorageProbe.RowCountAsync(azurite, app.Prefix));
    }

    [Fact]
    public async Task Post_NewDetection_IsOneEntityAndOneQueueMessage_BeforeThe202()
    {
        // No workers: what storage holds is what ingest wrote. Correlation off: its asset index is a third write.
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Workflow:RunWorkers"] = "false";
            s["Ingest:CorrelationWindowMinutes"] = "0";
        });

        var response = await app.PostDetectionAsync(Generic);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var incidentId = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("incidentId").GetString()!;
        var table = new Azure.Data.Tables.TableClient(azurite.ConnectionString, BreachNotify.Adapters.Tables.StorageNames.WithPrefix(app.Prefix).Incidents);
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RowKey"], cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add(row.RowKey.Split('|')[0]);
        }

        Assert.Equal(["state"], rows);
        Assert.Equal(1, await StorageProbe.QueuedMessageCountAsync(azurite, app.Prefix));
        var store = app.Services.GetRequiredService<BreachNotify.Adapters.Tables.IncidentStore>();
        var stored = await store.LoadAsync(incidentId, TestContext.Current.CancellationToken);
        Assert.Equal(BreachNotify.Incidents.IncidentStatus.Received, stored!.State.Status);

        // The creating step's event and classification timer ride on the state row until the next write files them.
        Assert.IsType<BreachNotify.Incidents.DetectionRecorded>(Assert.Single(await store.HistoryAsync(stored, TestContext.Current.CancellationToken)));
        var timer = Assert.IsType<BreachNotify.Incidents.ScheduleTimer>(Assert.Single(stored.Unfiled!.Outbox).Command);
        Assert.Equal(BreachNotify.Incidents.TimerKind.Classification, timer.Timer);
    }

    [Fact]
    public async Task Post_UpdateOfKnownSentinelIncident_JoinsTheSameIncident()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var first = await (await app.PostDetectionAsync(TestApp.Fixture("sentinel-incident-ransomware.json"))).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var update = await (await app.PostDetectionAsync(TestApp.Fixture("sentinel-incident-ransomware-update.json"))).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(first.GetProperty("incidentId").GetString(), update.GetProperty("incidentId").GetString());
        Assert.True(update.GetProperty("updated").GetBoolean());
    }

    [Fact]
    public async Task Post_ArrayOfDetections_AnswersOneEntryEach()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var array = $"[{Generic}, {TestApp.Fixture("ocsf-detection-finding-exfil.json")}]";

        var response = await app.PostDetectionAsync(array);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(2, body.GetArrayLength());
        Assert.NotEqual(body[0].GetProperty("incidentId").GetString(), body[1].GetProperty("incidentId").GetString());
    }

    [Fact]
    public async Task Post_SplunkWithQueryToken_IsAcceptedAndWithWrongTokenRefused()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var body = TestApp.Fixture("splunk-webhook-vpn-bruteforce.json");

        var good = await app.Http.PostAsync($"/api/detections?source=splunk&token={TestApp.SplunkToken}", Json(body), TestContext.Current.CancellationToken);
        var bad = await app.Http.PostAsync("/api/detections?source=splunk&token=wrong-token-value", Json(body), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
    }

    public static TheoryData<string> UnauthenticatedCases => ["no-signature", "wrong-signature", "wrong-secret", "unknown-source", "stale-timestamp", "malformed-signature"];

    [Theory]
    [MemberData(nameof(UnauthenticatedCases))]
    public async Task Post_WithoutValidSignature_Answers401ProblemAndStoresNothing(string variant)
    {
        await using var app = await TestApp.StartAsync(azurite);
        var request = variant switch
        {
            "wrong-secret" => TestApp.SignedDetection(Generic, secret: "another-secret-0123456789"),
            "unknown-source" => TestApp.SignedDetection(Generic, source: "nobody"),
            "stale-timestamp" => TestApp.SignedDetection(Generic, timestamp: DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds()),
            _ => TestApp.SignedDetection(Generic),
        };
        if (variant is "no-signature" or "wrong-signature" or "malformed-signature")
        {
            request.Headers.Remove("X-BreachNotify-Signature");
            if (variant == "wrong-signature")
            {
                request.Headers.Add("X-BreachNotify-Signature", "sha256=" + new string('0', 64));
            }
            else if (variant == "malformed-signature")
            {
                request.Headers.Add("X-BreachNotify-Signature", "sha256=not-hex");
            }
        }

        var response = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await StorageProbe.RowCountAsync(azurite, app.Prefix));
        Assert.Equal(0, await StorageProbe.QueuedMessageCountAsync(azurite, app.Prefix));
    }

    [Fact]
    public async Task Post_WithFreshTimestampSignature_IsAccepted()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.Http.SendAsync(TestApp.SignedDetection(Generic, timestamp: DateTimeOffset.UtcNow.ToUnixTimeSeconds()), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Post_InvalidFields_Answers400NamingEveryFieldAndStoresNothing()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var invalid = """{ "externalId": "", "title": "x", "assets": [1], "severity": "apocalyptic", "approxRecords": -5, "detectedAt": "yesterday" }""";

        var response = await app.PostDetectionAsync(invalid);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Equal(["$.externalId", "$.assets[0]", "$.detectedAt", "$.severity", "$.approxRecords"], fields);
        Assert.Equal(0, await StorageProbe.RowCountAsync(azurite, app.Prefix));
    }

    [Fact]
    public async Task Post_ArrayWithOneInvalidItem_StoresNoneOfThem()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostDetectionAsync($"[{Generic}, {{\"hello\": 1}}]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await StorageProbe.RowCountAsync(azurite, app.Prefix));
    }

    [Fact]
    public async Task Post_BrokenJson_Answers400()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostDetectionAsync("{\"externalId\": ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.StartsWith("body: not valid JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_MissingSource_Answers400()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.Http.PostAsync("/api/detections", Json(Generic), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_NonJsonContentType_Answers415()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var request = TestApp.SignedDetection(Generic);
        request.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/xml");

        var response = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        Assert.Contains("text/plain", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await StorageProbe.RowCountAsync(azurite, app.Prefix));
    }

    [Fact]
    public async Task Post_BodyAboveTheLimit_Answers413EvenWithoutContentLength()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Ingest:MaxBodyBytes"] = "4096");
        var large = Generic.Replace("\"title\":", $"\"padding\": \"{new string('x', 8000)}\", \"title\":", StringComparison.Ordinal);
        var request = TestApp.SignedDetection(large);
        // Chunked: the limit must hold while reading, not only on Content-Length.
        request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(large)));
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await StorageProbe.RowCountAsync(azurite, app.Prefix));
    }

    [Fact]
    public async Task Post_FloodFromOneSource_Answers429WithRetryAfter()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Ingest:PermitsPerMinute"] = "2");

        await app.PostDetectionAsync(Generic);
        await app.PostDetectionAsync(Generic);
        var third = await app.PostDetectionAsync(Generic);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
    }

    [Fact]
    public async Task Post_CefLines_Answers202WithOneEntryPerLine_AndTheIncidentShowsEachEvent()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostCefAsync(Cef);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(2, body.GetArrayLength());
        Assert.Equal("siem/Acme Security|DLP Server|DLP-2026-0042", body[0].GetProperty("detectionId").GetString());
        var incidentId = body[0].GetProperty("incidentId").GetString()!;
        Assert.StartsWith("inc-", incidentId);
        // The second line names the same database host: it joins the first line's incident.
        Assert.Equal(incidentId, body[1].GetProperty("incidentId").GetString());

        var incident = await Workflow.EndToEndTests.ReadAsync(app, incidentId);
        var detections = incident.GetProperty("detections").EnumerateArray().ToList();
        Assert.Equal(["cef", "cef"], detections.Select(d => d.GetProperty("format").GetString()));
        Assert.Equal(["Personal data sent to an external host", "Bulk copy of personal data | second transfer"], detections.Select(d => d.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Post_OneCefLine_AnswersAListToo()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostCefAsync(Cef.Split('\n')[1], contentType: "text/plain");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        Assert.StartsWith("siem/Acme Security|DLP Server|DLP-EXFIL-002|", body[0].GetProperty("detectionId").GetString());
    }

    [Fact]
    public async Task Post_SameCefLinesTwice_SecondIsDuplicateOfTheSameIncidentAndStoresNothingMore()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");

        var first = await (await app.PostCefAsync(Cef)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var rowsAfterFirst = await StorageProbe.RowCountAsync(azurite, app.Prefix);
        // Relayed again by another syslog hop: the prefixes differ (the second line gains one), the events do not.
        var lines = Cef.Split('\n');
        var relayed = $"{lines[0].Replace("<134>Nov 18 11:06:41 dlp-mgr01 ", "<13>Nov 18 11:20:00 relay-02 ", StringComparison.Ordinal)}\r\n<13>Nov 18 11:20:01 relay-02 {lines[1]}";
        var second = await (await app.PostCefAsync(relayed)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(first[i].GetProperty("incidentId").GetString(), second[i].GetProperty("incidentId").GetString());
            Assert.Equal(first[i].GetProperty("detectionId").GetString(), second[i].GetProperty("detectionId").GetString());
            Assert.True(second[i].GetProperty("duplicate").GetBoolean());
        }

        Assert.Equal(rowsAfterFirst, await StorageProbe.RowCountAsync(azurite, app.Prefix));
    }

    [Fact]
    public async Task Post_CefWithInvalidLine_Answers400NamingTheLineAndStoresNothing()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var body = Cef + "\nCEF:0|Acme|DLP|1|id-9|Broken severity|urgent|dst=10.0.0.1\nnot a cef line\n";

        var response = await app.PostCefAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Equal(["line 4.severity", "line 5"], fields);
        Assert.Contains("line 5: not a CEF event", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await StorageProbe.RowCountAsync(azurite, app.Prefix));
        Assert.Equal(0, await StorageProbe.QueuedMessageCountAsync(azurite, app.Prefix));
    }

    [Fact]
    public async Task Post_TextWithAJsonFormatForced_Answers415NamingTheTypeThatFormatReads()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostCefAsync(Cef, query: "&format=ocsf");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("ocsf", problem.GetProperty("detail").GetString());
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await StorageProbe.RowCountAsync(azurite, app.Prefix));
    }

    [Fact]
    public async Task Post_JsonWithCefForced_Answers415NamingTextPlain()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostDetectionAsync(Generic, query: "&format=cef");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("text/plain", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_TextWithUnknownFormat_Answers400OnTheFormatField()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostCefAsync(Cef, query: "&format=leef");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("format", problem.GetProperty("errors").EnumerateObject().First().Name);
        Assert.Contains("cef", problem.GetProperty("errors").EnumerateObject().First().Value[0].GetString());
    }

    [Fact]
    public async Task Post_CefWithCefForced_IsAccepted()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostCefAsync(Cef, query: "&format=CEF");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Post_TextInAnotherCharset_Answers415NamingTheAcceptedTypes()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.PostCefAsync(Cef, contentType: "text/plain; charset=iso-8859-1");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        Assert.Contains("text/plain", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_CefWithoutValidSignature_Answers401AndStoresNothing()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var request = TestApp.SignedDetection(Cef, contentType: "text/plain");
        request.Content = new StringContent(Cef.Replace("cnt=3", "cnt=4", StringComparison.Ordinal), Encoding.UTF8, "text/plain");

        var response = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await StorageProbe.RowCountAsync(azurite, app.Prefix));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
