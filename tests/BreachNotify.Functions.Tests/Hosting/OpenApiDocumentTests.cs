using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.OpenApi;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>Holds the OpenAPI document (and its reference page) against the endpoints the app really maps.</summary>
public sealed class OpenApiDocumentTests(AzuriteFixture azurite)
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>Every format name the product knows (the constants of <see cref="DetectionFormats"/>).</summary>
    private static IReadOnlyList<string> FormatNames =>
        [.. typeof(DetectionFormats).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    [Fact]
    public async Task Document_DescribesExactlyTheEndpointsTheAppMaps()
    {
        await using var app = await TestApp.StartAsync(azurite);
        using var document = await DocumentAsync(app);

        var documented = Operations(document.RootElement).ToHashSet();
        var mapped = DescribedEndpoints(app.App);

        Assert.Equal(mapped.Order(), documented.Order());
        Assert.Superset(
            new HashSet<(string, string)>
            {
                ("/api/detections", "POST"), ("/api/incidents", "GET"), ("/api/incidents/{id}", "GET"), ("/api/incidents/{id}/decision", "POST"),
                ("/ack/{token}", "GET"), ("/ack/{token}", "POST"), ("/healthz", "GET"), ("/readyz", "GET"),
                ("/api/delivery/sendgrid", "POST"),
            },
            documented);
        var tags = document.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
        var used = document.RootElement.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .SelectMany(o => o.Value.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)).ToHashSet();
        Assert.Equal(["Ingest", "Incidents", "Acknowledgement", "Delivery", "Health"], tags);
        Assert.Equal(tags.Order(), used.Order());
        Assert.DoesNotContain(documented, o => o.Path.StartsWith("/openapi", StringComparison.Ordinal) || o.Path.StartsWith(BreachNotifyOpenApi.ReferencePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingest_HasOneExamplePerFormat_EachAcceptedByTheApp()
    {
        await using var app = await TestApp.StartAsync(azurite);
        using var document = await DocumentAsync(app);
        var ingest = document.RootElement.GetProperty("paths").GetProperty("/api/detections").GetProperty("post");
        var content = ingest.GetProperty("requestBody").GetProperty("content");
        var examples = content.GetProperty("application/json").GetProperty("examples");
        var textExamples = content.GetProperty("text/plain").GetProperty("examples");

        // The JSON formats under application/json, CEF (text) under text/plain: together, every format once.
        Assert.Equal(DetectionFormatCatalog.All.Select(f => f.Name).Order(), examples.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal([DetectionFormats.Cef], textExamples.EnumerateObject().Select(e => e.Name));
        Assert.Equal("string", content.GetProperty("text/plain").GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal(FormatNames.Order(), examples.EnumerateObject().Concat(textExamples.EnumerateObject()).Select(e => e.Name).Order());
        foreach (var example in examples.EnumerateObject())
        {
            Assert.False(string.IsNullOrWhiteSpace(example.Value.GetProperty("summary").GetString()), example.Name);
            var body = example.Value.GetProperty("value").GetRawText();
            var parsed = new DetectionParser(DetectionFormatCatalog.All).Parse(example.Value.GetProperty("value"), TestApp.Source);
            Assert.True(parsed.IsValid, $"{example.Name}: {string.Join("; ", parsed.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
            Assert.All(parsed.Detections, d => Assert.Equal(example.Name, d.Format));

            using var response = await app.PostDetectionAsync(body);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{example.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }

        foreach (var example in textExamples.EnumerateObject())
        {
            Assert.False(string.IsNullOrWhiteSpace(example.Value.GetProperty("summary").GetString()), example.Name);
            var text = example.Value.GetProperty("value").GetString()!;
            var parsed = new BreachNotify.Detections.Formats.CefFormat().Parse(text, TestApp.Source);
            Assert.True(parsed.IsValid, $"{example.Name}: {string.Join("; ", parsed.Errors.Select(e => $"{e.Field}: {e.Message}"))}");

            using var response = await app.PostCefAsync(text);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{example.Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }

        var parameters = ingest.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.True(parameters["source"].GetProperty("required").GetBoolean());
        Assert.Contains("Sources:NAME", parameters["source"].GetProperty("description").GetString());
        Assert.Equal(FormatNames.Order(), parameters["format"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).Order());
        Assert.False(string.IsNullOrWhiteSpace(parameters["format"].GetProperty("description").GetString()));
    }

    [Fact]
    public void EmbeddedExamples_AreTheSharedFixtures()
    {
        var fixtures = Directory.GetFiles(RepositoryRoot.File("tests", "fixtures", "siem")).Select(File.ReadAllText).ToHashSet();
        foreach (var format in FormatNames)
        {
            Assert.Contains(IngestExamples.Raw(format), fixtures);
        }
    }

    [Fact]
    public async Task Ingest_DocumentsEveryRefusal_AsProblemJson_WithItsCause()
    {
        await using var app = await TestApp.StartAsync(azurite);
        using var document = await DocumentAsync(app);
        var root = document.RootElement;
        var responses = root.GetProperty("paths").GetProperty("/api/detections").GetProperty("post").GetProperty("responses");

        Assert.True(responses.TryGetProperty("202", out var accepted));
        Assert.Equal(2, accepted.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("oneOf").GetArrayLength());
        string[] causes = ["errors", "signature", "Ingest:MaxBodyBytes", "text/plain", "Retry-After"];
        foreach (var (status, cause) in new[] { "400", "401", "413", "415", "429" }.Zip(causes))
        {
            Assert.True(responses.TryGetProperty(status, out var response), $"{status} is not documented for ingest");
            Assert.Contains(cause, response.GetProperty("description").GetString());
        }

        Assert.True(responses.GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _));

        // Every problem+json answer in the document: the ProblemDetails schema and a description saying when it happens.
        Assert.True(root.GetProperty("components").GetProperty("schemas").TryGetProperty("ProblemDetails", out var problemDetails));
        Assert.True(problemDetails.GetProperty("properties").TryGetProperty("title", out _));
        var problems = 0;
        foreach (var (path, method, status, response) in Responses(root))
        {
            if (!response.TryGetProperty("content", out var content) || !content.TryGetProperty("application/problem+json", out var problem))
            {
                continue;
            }

            problems++;
            var description = response.GetProperty("description").GetString() ?? "";
            Assert.True(description.Contains("(problem+json)", StringComparison.Ordinal), $"{method} {path} {status}: '{description}'");
            Assert.NotEqual(ReasonPhrases.GetReasonPhrase(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)), description);
            if (status != "503")
            {
                Assert.Equal("#/components/schemas/ProblemDetails", problem.GetProperty("schema").GetProperty("$ref").GetString());
            }
        }

        Assert.True(problems >= 14, $"only {problems} problem+json responses");
    }

    [Fact]
    public async Task Document_DeclaresTheSecuritySchemes_AndWhereEachApplies()
    {
        await using var app = await TestApp.StartAsync(azurite);
        using var document = await DocumentAsync(app);
        var root = document.RootElement;
        var schemes = root.GetProperty("components").GetProperty("securitySchemes");

        Assert.Equal("X-BreachNotify-Signature", schemes.GetProperty(BreachNotifyOpenApi.SignatureScheme).GetProperty("name").GetString());
        Assert.Equal("X-BreachNotify-Timestamp", schemes.GetProperty(BreachNotifyOpenApi.TimestampScheme).GetProperty("name").GetString());
        Assert.Equal("query", schemes.GetProperty(BreachNotifyOpenApi.QueryTokenScheme).GetProperty("in").GetString());
        Assert.Equal("token", schemes.GetProperty(BreachNotifyOpenApi.QueryTokenScheme).GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty(BreachNotifyOpenApi.CommanderScheme).GetProperty("scheme").GetString());
        Assert.Equal("BreachNotify", root.GetProperty("info").GetProperty("title").GetString());

        Assert.Equal(
            [[BreachNotifyOpenApi.SignatureScheme], [BreachNotifyOpenApi.SignatureScheme, BreachNotifyOpenApi.TimestampScheme], [BreachNotifyOpenApi.QueryTokenScheme]],
            Security(root, "/api/detections", "post"));
        foreach (var (path, method) in new[] { ("/api/incidents", "get"), ("/api/incidents/{id}", "get"), ("/api/incidents/{id}/decision", "post") })
        {
            Assert.Equal([[BreachNotifyOpenApi.CommanderScheme]], Security(root, path, method));
        }
    }

    [Fact]
    public async Task Reference_IsAnHtmlPage_ServedFromTheApp_UnderItsOwnPolicy()
    {
        await using var app = await TestApp.StartAsync(azurite);

        using var page = await app.Http.GetAsync("/reference", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<div id=\"app\"></div>", html);

        // The scripts come from the app itself, never a CDN, and answer.
        var scripts = Html.Parse(html).QuerySelectorAll("script").ToList();
        var sources = scripts.Where(s => s.HasAttribute("src")).Select(s => s.GetAttribute("src")!).ToList();
        Assert.NotEmpty(sources);
        foreach (var src in sources)
        {
            Assert.DoesNotContain("//", src);
            using var script = await app.Http.GetAsync(new Uri(page.RequestMessage!.RequestUri!, src), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }

        Assert.Contains("\"withDefaultFonts\":false", html);
        Assert.Contains("\"telemetry\":false", html);

        // The page's policy: scripts from the app, the inline initialisation by its hash; everything else stays strict.
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        var scriptSrc = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        var inline = scripts.Where(s => !s.HasAttribute("src")).Select(s => s.TextContent).ToList();
        Assert.NotEmpty(inline);
        Assert.Equal(
            "script-src 'self'" + string.Concat(inline.Select(s => $" 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(s)))}'")),
            scriptSrc);
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("http", policy);

        foreach (var path in new[] { "/healthz", "/openapi/v1.json", "/assets/site.css" })
        {
            using var other = await app.Http.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.Equal(
                "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                other.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    private static async Task<JsonDocument> DocumentAsync(TestApp app)
    {
        using var response = await app.Http.GetAsync(BreachNotifyOpenApi.DocumentPath, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static IEnumerable<(string Path, string Method)> Operations(JsonElement root) =>
        root.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(m => HttpMethods.Contains(m.Name))
            .Select(m => (path.Name, m.Name.ToUpperInvariant())));

    private static IEnumerable<(string Path, string Method, string Status, JsonElement Response)> Responses(JsonElement root) =>
        root.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(m => HttpMethods.Contains(m.Name))
            .SelectMany(m => m.Value.GetProperty("responses").EnumerateObject().Select(r => (path.Name, m.Name, r.Name, r.Value))));

    private static List<List<string>> Security(JsonElement root, string path, string method) =>
        [.. root.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("security").EnumerateArray()
            .Select(requirement => requirement.EnumerateObject().Select(s => s.Name).ToList())];

    private static HashSet<(string Path, string Method)> AllEndpoints(WebApplication app) => Endpoints(app, describedOnly: false);

    /// <summary>What the app maps, less what it keeps out of the description (the document and reference page themselves, the host's invocations).</summary>
    private static HashSet<(string Path, string Method)> DescribedEndpoints(WebApplication app) => Endpoints(app, describedOnly: true);

    private static HashSet<(string Path, string Method)> Endpoints(WebApplication app, bool describedOnly)
    {
        var endpoints = new HashSet<(string, string)>();
        foreach (var endpoint in ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
        {
            if (describedOnly && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                endpoints.Add(("/" + endpoint.RoutePattern.RawText!.TrimStart('/'), method));
            }
        }

        return endpoints;
    }
}
