using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Delivery;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.OtherNotices;

/// <summary>
/// The deployment's own subject lookup (<c>SubjectLookup:*</c>) for data-subject requests, against a real local HTTP server:
/// signed like our webhooks, joined with the domain match, and a failure answered 502/503 with nothing stored.
/// </summary>
public sealed class SubjectLookupTests(AzuriteFixture azurite)
{
    private const string Secret = "subject-lookup-secret-0123456789";
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DataSubjectRequest_GoesToTheCustomersTheLookupAnswers_JoinedWithTheDomainMatch_AskedWithASignedBody()
    {
        await using var lookup = await Lookup.StartAsync(_ => Results.Json(new { customers = new[] { "fabrikam", "contoso", "not-in-the-directory" } }));
        await using var app = await StartAsync(lookup.Url);

        var created = await RecordAsync(app, new { kind = "data-subject-request", subjectIdentifier = "jane@shared-talent.example", receivedAt = Start.AddHours(-1), summary = "Access request" });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(["contoso", "fabrikam", "woodgrove"], created.Body.GetProperty("customers").EnumerateArray().Select(c => c.GetString()!).Order());
        var asked = Assert.Single(lookup.Requests);
        Assert.Equal("jane@shared-talent.example", JsonDocument.Parse(asked.Body).RootElement.GetProperty("subjectIdentifier").GetString());
        Assert.Equal(Start.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), asked.Timestamp);
        Assert.Equal(WebhookSender.Sign(Secret, Start.ToUnixTimeSeconds(), asked.Body), asked.Signature);
    }

    [Fact]
    public async Task UserIdSubject_WithoutADomain_IsRoutedByTheLookupAlone_AndNamedCustomersAreNotLookedUp()
    {
        await using var lookup = await Lookup.StartAsync(_ => Results.Json(new { customers = new[] { "tailspin" } }));
        await using var app = await StartAsync(lookup.Url);

        var byLookup = await RecordAsync(app, new { kind = "data-subject-request", subjectIdentifier = "user-4711", receivedAt = Start, summary = "Erasure request" });
        var named = await RecordAsync(app, new { kind = "data-subject-request", subjectIdentifier = "user-4712", customers = new[] { "fabrikam" }, receivedAt = Start, summary = "Erasure request" });

        Assert.Equal(["tailspin"], byLookup.Body.GetProperty("customers").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["fabrikam"], named.Body.GetProperty("customers").EnumerateArray().Select(c => c.GetString()));
        Assert.Single(lookup.Requests);
    }

    [Theory]
    [InlineData("500", 502)]
    [InlineData("not-json", 502)]
    [InlineData("wrong-shape", 502)]
    [InlineData("slow", 503)]
    [InlineData("down", 503)]
    public async Task LookupFailing_Answers502Or503ProblemJson_AndStoresNothing(string behaviour, int status)
    {
        await using var lookup = await Lookup.StartAsync(async http => behaviour switch
        {
            "500" => Results.StatusCode(500),
            "not-json" => Results.Text("customers: fabrikam", "application/json"),
            "wrong-shape" => Results.Json(new { customers = new object[] { 42 } }),
            _ => await SlowAsync(http),
        });
        var url = behaviour == "down" ? $"http://127.0.0.1:{AzuriteFixture.FreePort()}/lookup" : lookup.Url;
        await using var app = await StartAsync(url);

        var answer = await RecordAsync(app, new { kind = "data-subject-request", subjectIdentifier = "user-4711", receivedAt = Start, summary = "Erasure request" });

        Assert.Equal((HttpStatusCode)status, answer.Status);
        Assert.Equal("The deployment's subject lookup failed", answer.Body.GetProperty("title").GetString());
        Assert.DoesNotContain("user-4711", answer.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Empty((await GetAsync(app, "/api/matters")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task BadMatter_IsRefused400_WithoutAskingTheLookup()
    {
        await using var lookup = await Lookup.StartAsync(_ => Results.Json(new { customers = new[] { "tailspin" } }));
        await using var app = await StartAsync(lookup.Url);

        var answer = await RecordAsync(app, new { kind = "data-subject-request", subjectIdentifier = "user-4711", receivedAt = Start });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("summary", answer.Body.GetProperty("errors").EnumerateObject().First().Name);
        Assert.Empty(lookup.Requests);
    }

    [Fact]
    public void Options_BadUrlOrMissingSecret_AreOneLineEachNamingTheKey()
    {
        var settings = TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), new Uri("http://127.0.0.1:9"), AzuriteFixture.FreePort());
        settings["SubjectLookup:Url"] = "http://lookup.example/subjects";
        settings["SubjectLookup:Secret"] = "short";
        settings["SubjectLookup:TimeoutSeconds"] = "0";

        var problems = StartupSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), RepositoryRoot.Path).Problems;

        Assert.Contains("SubjectLookup:Url: must be an https URL (http only to a loopback address)", problems);
        Assert.Contains("SubjectLookup:Secret: required with SubjectLookup:Url, at least 16 characters", problems);
        Assert.Contains("SubjectLookup:TimeoutSeconds: must be between 1 and 60", problems);
        Assert.DoesNotContain(problems, p => p.Contains("short", StringComparison.Ordinal));
    }

    private static async Task<IResult> SlowAsync(HttpContext http)
    {
        // Longer than the app's one-second timeout; ends when the app gives up (the request is aborted).
        await Task.Delay(TimeSpan.FromSeconds(10), http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        return Results.Json(new { customers = new[] { "tailspin" } });
    }

    private Task<TestApp> StartAsync(string lookupUrl) => TestApp.StartAsync(azurite, s =>
    {
        s["SubjectLookup:Url"] = lookupUrl;
        s["SubjectLookup:Secret"] = Secret;
        s["SubjectLookup:TimeoutSeconds"] = "1";
    }, new FakeTimeProvider(Start));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> RecordAsync(TestApp app, object body)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, "/api/matters", body), Ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    private static async Task<JsonElement> GetAsync(TestApp app, string path)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, path), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private sealed record Asked(string Body, string Signature, string Timestamp);

    /// <summary>A plain-http lookup on 127.0.0.1 (loopback http is allowed) that records what it is asked and answers as told.</summary>
    private sealed class Lookup : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly ConcurrentQueue<Asked> requests;

        private Lookup(WebApplication app, ConcurrentQueue<Asked> requests, string url)
        {
            this.app = app;
            this.requests = requests;
            Url = url;
        }

        public string Url { get; }

        public IReadOnlyList<Asked> Requests => [.. requests];

        public static Task<Lookup> StartAsync(Func<HttpContext, IResult> answer) => StartAsync(http => Task.FromResult(answer(http)));

        public static async Task<Lookup> StartAsync(Func<HttpContext, Task<IResult>> answer)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var requests = new ConcurrentQueue<Asked>();
            app.MapPost("/lookup", async (HttpContext http) =>
            {
                using var reader = new StreamReader(http.Request.Body);
                var body = await reader.ReadToEndAsync(http.RequestAborted);
                requests.Enqueue(new Asked(body, http.Request.Headers[WebhookSender.SignatureHeader].ToString(), http.Request.Headers[WebhookSender.TimestampHeader].ToString()));
                return await answer(http);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Lookup(app, requests, $"{address.TrimEnd('/')}/lookup");
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
