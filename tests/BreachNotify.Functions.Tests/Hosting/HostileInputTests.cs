using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BreachNotify.Functions.Delivery;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>
/// Every entry point (ingest in each format, the decision API, the console's and the acknowledgement page's forms, the
/// delivery webhook) sent malformed bodies, wrong types and bad encodings: always a 4xx, never a 5xx, and nothing stored
/// (pages with hostile paths and queries: never a 5xx).
/// </summary>
public sealed class HostileInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] JsonFixtures =
    [
        "ocsf-detection-finding-exfil.json", "ocsf-incident-finding-ransomware.json", "sentinel-incident-ransomware.json", "splunk-webhook-vpn-bruteforce.json",
        "elastic-alert-bucket-access.json", "qradar-offense-exfil.json", "pagerduty-trigger-db-exposure.json", "generic-subprocessor-report.json",
    ];

    private static readonly string[] FormKinds = ["nul", "broken-multipart", "multipart-without-boundary", "5000-fields", "json-instead"];

    private readonly ECDsa _sendGrid = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private TestApp? _app;
    private HttpClient? _anonymous;
    private HttpClient? _commander;
    private string _anonymousToken = "";
    private string _commanderToken = "";
    private string _incidentId = "";

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var fixture in JsonFixtures)
        {
            foreach (var kind in new[] { "invalid-utf8", "lone-surrogate", "truncated", "wrong-types", "utf16" })
            {
                cases.Add($"ingest {fixture} {kind}");
            }
        }

        foreach (var kind in new[] { "invalid-utf8", "utf16", "nul", "empty" })
        {
            cases.Add($"ingest cef {kind}");
        }

        foreach (var kind in new[] { "malformed", "invalid-utf8", "lone-surrogate", "wrong-types", "edits-wrong-types", "utf16", "text-plain", "empty", "deep" })
        {
            cases.Add($"decision {kind}");
        }

        foreach (var route in new[] { "announce", "change-decision" })
        {
            foreach (var kind in new[] { "malformed", "invalid-utf8", "lone-surrogate", "wrong-types", "not-object", "text-plain", "utf16", "empty" })
            {
                cases.Add($"change {route}-{kind}");
            }
        }

        foreach (var kind in new[] { "malformed", "invalid-utf8", "lone-surrogate", "not-array", "scalars", "wrong-types", "text-plain", "utf16" })
        {
            cases.Add($"delivery {kind}");
        }

        foreach (var form in new[] { "signin", "ack", "console-decision", "console-edits", "console-timezone" })
        {
            foreach (var kind in FormKinds)
            {
                cases.Add($"form {form} {kind}");
            }
        }

        foreach (var page in new[] { "anonymous /console/signin?returnUrl=%00%FF", "anonymous /ack/%00%FF", "anonymous /ack/a%0D%0Ab", "commander /console/incidents/%00", "commander /console/register?from=%00&status=%FF" })
        {
            cases.Add($"page {page}");
        }

        return cases;
    }

    public async ValueTask InitializeAsync()
    {
        _app = await TestApp.StartAsync(azurite, s =>
        {
            s["Workflow:RunWorkers"] = "false";
            s["ClientLimits:AuthFailuresPerMinute"] = "10000";
            s["Acknowledgement:PermitsPerMinute"] = "10000";
            s["SendGrid:EventWebhookPublicKey"] = Convert.ToBase64String(_sendGrid.ExportSubjectPublicKeyInfo());
        });
        var accepted = await _app.PostDetectionAsync(TestApp.Fixture("generic-subprocessor-report.json"));
        _incidentId = JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["incidentId"]!.GetValue<string>();

        _anonymous = Browser(_app);
        _anonymousToken = await TokenAsync(_anonymous, "/console/signin");
        _commander = Browser(_app);
        var signInToken = await TokenAsync(_commander, "/console/signin");
        using var signIn = await _commander.PostAsync(
            "/console/signin",
            new FormUrlEncodedContent([new("key", TestApp.CommanderKey), new("returnUrl", "/console"), new("__RequestVerificationToken", signInToken)]));
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        _commanderToken = await TokenAsync(_commander, "/console");
    }

    public async ValueTask DisposeAsync()
    {
        _anonymous?.Dispose();
        _commander?.Dispose();
        _sendGrid.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryEntryPoint_HostileBody_Answers4xx_AndStoresNothing(string name)
    {
        var rowsBefore = await StorageProbe.RowCountAsync(azurite, _app!.Prefix);
        var changeRowsBefore = await StorageProbe.ChangeRowCountAsync(azurite, _app.Prefix);
        var queuedBefore = await StorageProbe.QueuedMessageCountAsync(azurite, _app.Prefix);
        var (client, request) = Build(name);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var status = (int)response.StatusCode;
        if (name is "delivery scalars" or "delivery wrong-types")
        {
            // SendGrid-signed events that name no notice of ours are counted and ignored (200), as the webhook documents.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"applied\":0", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        else if (name.StartsWith("page", StringComparison.Ordinal))
        {
            // A page may also show itself, a hostile return address replaced by a safe one: never a 5xx.
            Assert.True(status < 500, $"{name}: {status}");
        }
        else
        {
            Assert.True(status is >= 400 and < 500, $"{name}: {status} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }

        Assert.Equal(rowsBefore, await StorageProbe.RowCountAsync(azurite, _app.Prefix));
        Assert.Equal(changeRowsBefore, await StorageProbe.ChangeRowCountAsync(azurite, _app.Prefix));
        Assert.Equal(queuedBefore, await StorageProbe.QueuedMessageCountAsync(azurite, _app.Prefix));
        if (status >= 400 && (name.StartsWith("ingest", StringComparison.Ordinal) || name.StartsWith("decision", StringComparison.Ordinal) || name.StartsWith("delivery", StringComparison.Ordinal) || name.StartsWith("change", StringComparison.Ordinal)))
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private (HttpClient Client, HttpRequestMessage Request) Build(string name)
    {
        var parts = name.Split(' ');
        return parts[0] switch
        {
            "ingest" when parts[1] == "cef" => (_app!.Http, Cef(parts[2])),
            "ingest" => (_app!.Http, Ingest(TestApp.Fixture(parts[1]), parts[2])),
            "decision" => (_app!.Http, Decision(parts[1])),
            "delivery" => (_app!.Http, Delivery(parts[1])),
            "change" => (_app!.Http, Change(parts[1])),
            "page" => (parts[1] == "anonymous" ? _anonymous! : _commander!, new HttpRequestMessage(HttpMethod.Get, parts[2])),
            _ => Form(parts[1], parts[2]),
        };
    }

    private static HttpRequestMessage Ingest(string fixture, string kind) => kind switch
    {
        "invalid-utf8" => HostileRequests.SignedIngest(HostileRequests.CorruptFirstString(fixture, [0xC3, 0x28]).Body),
        "lone-surrogate" => HostileRequests.SignedIngest(HostileRequests.CorruptFirstString(fixture, Encoding.ASCII.GetBytes("\\udc00")).Body),
        "truncated" => HostileRequests.SignedIngest(Encoding.UTF8.GetBytes(fixture[..(fixture.Length / 2)])),
        "wrong-types" => HostileRequests.SignedIngest(Encoding.UTF8.GetBytes(WrongTypes(JsonNode.Parse(fixture))!.ToJsonString())),
        _ => HostileRequests.SignedIngest(Encoding.Unicode.GetBytes(fixture), "application/json; charset=utf-16"),
    };

    private static HttpRequestMessage Cef(string kind)
    {
        var text = TestApp.Fixture("cef-dlp-exfil.log");
        return kind switch
        {
            "invalid-utf8" => HostileRequests.SignedIngest(HostileRequests.WithInvalidUtf8(text.Replace("externalId=", "externalId=@@", StringComparison.Ordinal)), "text/plain"),
            "utf16" => HostileRequests.SignedIngest(Encoding.Unicode.GetBytes(text), "text/plain; charset=utf-16"),
            "nul" => HostileRequests.SignedIngest(Encoding.UTF8.GetBytes("\0\0\0\n\0"), "text/plain"),
            _ => HostileRequests.SignedIngest([], "text/plain"),
        };
    }

    /// <summary>Strings become numbers, numbers and booleans strings, objects' scalar lists objects: every field of the wrong type.</summary>
    private static JsonNode? WrongTypes(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.ToList().Select(p => KeyValuePair.Create(p.Key, WrongTypes(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray([.. array.Select(i => WrongTypes(i?.DeepClone()))]),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(12345),
        JsonValue => JsonValue.Create("not-a-number"),
        _ => new JsonObject(),
    };

    /// <summary>The sub-processor change API: an announcement, or a decision on a change that does not exist.</summary>
    private HttpRequestMessage Change(string routeAndKind)
    {
        var route = routeAndKind.StartsWith("announce-", StringComparison.Ordinal) ? "announce" : "change-decision";
        var kind = routeAndKind[(route.Length + 1)..];
        const string Announce = "{\"kind\":\"add\",\"subprocessor\":{\"id\":\"x\",\"name\":\"@@\",\"entity\":\"X Ltd\",\"purpose\":\"p\",\"location\":\"US\"},\"services\":[\"core-platform\"],\"effectiveAt\":\"2030-01-01T00:00:00Z\"}";
        var (body, contentType) = kind switch
        {
            "malformed" => (Encoding.UTF8.GetBytes("{\"kind\":\"add\","), "application/json"),
            "invalid-utf8" => (HostileRequests.WithInvalidUtf8(Announce), "application/json"),
            "lone-surrogate" => (Encoding.UTF8.GetBytes(Announce.Replace("@@", "\\ud800", StringComparison.Ordinal)), "application/json"),
            "wrong-types" => (Encoding.UTF8.GetBytes("{\"kind\":5,\"subprocessor\":\"x\",\"services\":{},\"effectiveAt\":true,\"decision\":[]}"), "application/json"),
            "not-object" => (Encoding.UTF8.GetBytes("[1,2]"), "application/json"),
            "text-plain" => (Encoding.UTF8.GetBytes(Announce), "text/plain"),
            "utf16" => (Encoding.Unicode.GetBytes(Announce), "application/json; charset=utf-16"),
            _ => (Array.Empty<byte>(), "application/json"),
        };
        var request = _app!.AsCommander(HttpMethod.Post, route == "announce" ? "/api/subprocessor-changes" : "/api/subprocessor-changes/spc-none/decision");
        request.Content = HostileRequests.Raw(body, contentType);
        return request;
    }

    private HttpRequestMessage Decision(string kind)
    {
        var (body, contentType) = kind switch
        {
            "malformed" => (Encoding.UTF8.GetBytes("{\"decision\":\"approve\""), "application/json"),
            "invalid-utf8" => (HostileRequests.WithInvalidUtf8("{\"decision\":\"approve\",\"comment\":\"@@\"}"), "application/json"),
            "lone-surrogate" => (Encoding.UTF8.GetBytes("{\"decision\":\"reclassify\",\"verdict\":\"needsReview\",\"comment\":\"\\udfff\"}"), "application/json"),
            "wrong-types" => (Encoding.UTF8.GetBytes("{\"decision\":true,\"comment\":[],\"customers\":{}}"), "application/json"),
            "edits-wrong-types" => (Encoding.UTF8.GetBytes("{\"decision\":\"edit\",\"edits\":{\"customer\":{\"nature\":5}}}"), "application/json"),
            "utf16" => (Encoding.Unicode.GetBytes("{\"decision\":\"reject\"}"), "application/json; charset=utf-16"),
            "text-plain" => (Encoding.UTF8.GetBytes("{\"decision\":\"reject\"}"), "text/plain"),
            "deep" => (Encoding.UTF8.GetBytes("{\"decision\":\"reject\",\"edits\":" + new string('[', 500) + new string(']', 500) + "}"), "application/json"),
            _ => ([], "application/json"),
        };
        var request = _app!.AsCommander(HttpMethod.Post, $"/api/incidents/{_incidentId}/decision");
        request.Content = HostileRequests.Raw(body, contentType);
        return request;
    }

    private HttpRequestMessage Delivery(string kind)
    {
        byte[] body = kind switch
        {
            "malformed" => Encoding.UTF8.GetBytes("[{\"event\":\"delivered\","),
            "invalid-utf8" => HostileRequests.WithInvalidUtf8($"[{{\"event\":\"delivered\",\"notice_ref\":\"{_incidentId}/n00001@@\",\"timestamp\":1}}]"),
            "lone-surrogate" => Encoding.UTF8.GetBytes($"[{{\"event\":\"bounce\",\"notice_ref\":\"{_incidentId}/n00001\",\"reason\":\"\\ud800\",\"timestamp\":1}}]"),
            "not-array" => Encoding.UTF8.GetBytes("{\"event\":\"delivered\"}"),
            "scalars" => Encoding.UTF8.GetBytes("[1,\"x\",null,[]]"),
            _ => Encoding.UTF8.GetBytes("[{\"event\":5,\"notice_ref\":[],\"timestamp\":\"yesterday\",\"email\":{}}]"),
        };
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var contentType = kind switch
        {
            "text-plain" => "text/plain",
            "utf16" => "application/json; charset=utf-16",
            _ => "application/json",
        };
        var request = new HttpRequestMessage(HttpMethod.Post, DeliveryEventEndpoints.Route) { Content = HostileRequests.Raw(body, contentType) };
        request.Headers.Add(EventWebhookSignature.SignatureHeader, EventWebhookSignature.Sign(_sendGrid, timestamp, body));
        request.Headers.Add(EventWebhookSignature.TimestampHeader, timestamp);
        // An unparseable batch must not count as a bad signature: the answer is 400, never 401.
        return request;
    }

    private (HttpClient Client, HttpRequestMessage Request) Form(string form, string kind)
    {
        var (client, token, path, fields) = form switch
        {
            "signin" => (_anonymous!, _anonymousToken, "/console/signin", new[] { "key", "returnUrl" }),
            "ack" => (_anonymous!, _anonymousToken, "/ack/not-a-real-token", new[] { "name", "comment" }),
            "console-decision" => (_commander!, _commanderToken, $"/console/incidents/{_incidentId}/decision", new[] { "decision", "comment", "verdict", "customers" }),
            "console-edits" => (_commander!, _commanderToken, $"/console/incidents/{_incidentId}/edits", new[] { "customer.nature", "subprocessor.message" }),
            _ => (_commander!, _commanderToken, "/console/timezone", new[] { "tz", "returnUrl" }),
        };
        HttpContent content = kind switch
        {
            "nul" => new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => KeyValuePair.Create(f, "approve\0/console\0\0")), new("x\0y", "\0")]),
            "broken-multipart" => HostileRequests.Raw(
                Encoding.UTF8.GetBytes($"--b0undary\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n--b0undary\r\nContent-Disposition: form-data; name=\"{fields[0]}\"\r\nContent-Type: text/plain\r\n\r\nunterminated"),
                "multipart/form-data; boundary=b0undary"),
            "multipart-without-boundary" => HostileRequests.Raw(Encoding.UTF8.GetBytes($"{fields[0]}=x"), "multipart/form-data"),
            "5000-fields" => new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. Enumerable.Range(0, 5000).Select(i => KeyValuePair.Create($"{fields[i % fields.Length]}{i}", "x"))]),
            _ => HostileRequests.Raw(Encoding.UTF8.GetBytes("{\"key\":\"x\"}"), "application/json"),
        };
        return (client, new HttpRequestMessage(HttpMethod.Post, path) { Content = content });
    }

    private static HttpClient Browser(TestApp app) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

    private static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return Html.AntiforgeryToken(html) ?? "";
    }
}
