using System.Net;
using BreachNotify.Functions.Tests.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Incidents;

/// <summary>Failed authentication is limited per client address on every path: API keys, the sign-in form, ingest signatures.</summary>
public sealed class AuthFailureLimitTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task WrongBearerKeys_Answer429WithRetryAfterOnceTheLimitIsSpent_AndLockOutOnlyThatAddress()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        using var guesser = HostileRequests.From(app.BaseAddress, "127.0.0.3");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 40; i++)
        {
            var response = await guesser.SendAsync(app.AsCommander(HttpMethod.Get, "/api/incidents", key: $"guess-{i}"), TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            limited ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        using var rightKeyFromGuesser = await guesser.SendAsync(app.AsCommander(HttpMethod.Get, "/api/incidents"), TestContext.Current.CancellationToken);
        using var rightKeyElsewhere = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, "/api/incidents"), TestContext.Current.CancellationToken);

        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal("application/problem+json", limited!.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightKeyFromGuesser.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightKeyElsewhere.StatusCode);
    }

    [Fact]
    public async Task FailedSignIns_CountTowardsTheSameLimitAsWrongApiKeys()
    {
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Workflow:RunWorkers"] = "false";
            s["ClientLimits:AuthFailuresPerMinute"] = "3";
        });
        using var console = new ConsoleClient(app);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await console.SignInAsync(key: $"guess-{i}")).StatusCode);
        }

        using var api = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, "/api/incidents"), TestContext.Current.CancellationToken);
        var signIn = await console.SignInAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, signIn.StatusCode);
        Assert.NotNull(signIn.Headers.RetryAfter);
    }

    [Fact]
    public async Task BehindALoopbackProxy_SuchAsTheFunctionsHost_EachForwardedAddressHasItsOwnLimit()
    {
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Workflow:RunWorkers"] = "false";
            s["ClientLimits:AuthFailuresPerMinute"] = "3";
        });
        HttpRequestMessage Forwarded(string from, string key)
        {
            var request = app.AsCommander(HttpMethod.Get, "/api/incidents", key: key);
            request.Headers.Add("X-Forwarded-For", $"198.51.100.9, {from}:50123");
            return request;
        }

        for (var i = 0; i < 4; i++)
        {
            using var guess = await app.Http.SendAsync(Forwarded("203.0.113.5", $"guess-{i}"), TestContext.Current.CancellationToken);
            Assert.Equal(i < 3 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, guess.StatusCode);
        }

        using var commander = await app.Http.SendAsync(Forwarded("203.0.113.6", TestApp.CommanderKey), TestContext.Current.CancellationToken);
        using var guesser = await app.Http.SendAsync(Forwarded("203.0.113.5", TestApp.CommanderKey), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, commander.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, guesser.StatusCode);
    }

    [Fact]
    public async Task WrongIngestSignatures_AreLimitedPerAddress()
    {
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Workflow:RunWorkers"] = "false";
            s["ClientLimits:AuthFailuresPerMinute"] = "3";
        });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await app.PostDetectionAsync("{}", secret: "wrong-secret");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
