using System.Net;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>Sign-in, the session cookie, and that nothing in the console answers without a session or a form token.</summary>
public sealed class ConsoleAccessTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SignIn_WithWrongKey_IsRefusedAndSetsNoSessionCookie()
    {
        await using var app = await TestApp.StartAsync(azurite);
        using var client = new ConsoleClient(app);

        var response = await client.SignInAsync("not-a-commander-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(client.SessionCookie);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith(ConsoleSession.CookieName + "=", StringComparison.Ordinal));
        var (queue, _) = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithCommanderKey_SetsHttpOnlySameSiteStrictSessionCookie_AndSignOutEndsIt()
    {
        await using var app = await TestApp.StartAsync(azurite);
        using var client = new ConsoleClient(app);

        var response = await client.SignInAsync(returnUrl: "https://evil.example/console");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/console", response.Headers.Location!.OriginalString);
        var header = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ConsoleSession.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", header, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("; secure", header, StringComparison.OrdinalIgnoreCase); // plain HTTP here; Secure on HTTPS
        Assert.NotEqual("bn-ack-af", ConsoleSession.CookieName);

        var (queue, html) = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.Contains("Signed in as ic-primary", html);
        Assert.Contains("script-src 'self'", queue.Headers.GetValues("Content-Security-Policy").Single());

        var (signOut, _) = await client.PostFormAsync("/console/signout", []);
        Assert.Equal(HttpStatusCode.SeeOther, signOut.StatusCode);
        var (after, _) = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task EveryConsoleRoute_WithoutSession_RedirectsToSignInOrAnswers401()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "generic-subprocessor-report.json");
        using var client = new ConsoleClient(app);
        await client.GetAsync("/console/signin"); // a valid anonymous form token must not open anything either

        var routes = ((IEndpointRouteBuilder)app.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Route: "/" + e.RoutePattern.RawText!.TrimStart('/'), Method: m)))
            .Where(r => r.Route.StartsWith("/console", StringComparison.Ordinal) && r.Route != "/console/signin")
            .ToList();
        Assert.True(routes.Count >= 12, string.Join(", ", routes));

        foreach (var (route, method) in routes)
        {
            var path = route.Replace("{id}", incidentId, StringComparison.Ordinal).Replace("{messageId}", "m-1", StringComparison.Ordinal);
            var (response, _) = method == "GET" ? await client.GetAsync(path) : await client.PostFormAsync(path, [new("decision", "approve"), new("tz", "UTC")]);
            if (method == "GET")
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {path}: {response.StatusCode}");
                Assert.StartsWith("/console/signin", response.Headers.Location!.OriginalString);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
            }
        }

        Assert.Equal("AwaitingDecision", (await ConsoleClient.ApiReadAsync(app, incidentId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefusedAndDecidesNothing()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "generic-subprocessor-report.json");
        using var client = new ConsoleClient(app);
        Assert.Equal(HttpStatusCode.SeeOther, (await client.SignInAsync()).StatusCode);
        await client.GetAsync($"/console/incidents/{incidentId}");

        var (withoutToken, _) = await client.PostFormAsync($"/console/incidents/{incidentId}/decision", [new("decision", "approve")], withToken: false);
        var (forgedToken, _) = await client.PostFormAsync($"/console/incidents/{incidentId}/decision", [new("decision", "approve"), new("__RequestVerificationToken", "forged")], withToken: false);
        var (signInWithoutToken, _) = await new ConsoleClient(app).PostFormAsync("/console/signin", [new("key", TestApp.CommanderKey)], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signInWithoutToken.StatusCode);
        Assert.Equal("AwaitingDecision", (await ConsoleClient.ApiReadAsync(app, incidentId)).GetProperty("status").GetString());
    }

    [Fact]
    public void EasyAuthPrincipal_IsAcceptedOnlyWithTheCommanderGroup()
    {
        static string Header(params (string Typ, string Val)[] claims) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
            System.Text.Json.JsonSerializer.Serialize(new { auth_typ = "aad", claims = claims.Select(c => new { typ = c.Typ, val = c.Val }) })));

        var member = ConsoleSession.FromEasyAuth(Header(("preferred_username", "ic@ntc.example"), ("groups", "g-commanders")), "g-commanders");
        var outsider = ConsoleSession.FromEasyAuth(Header(("preferred_username", "someone@ntc.example"), ("groups", "g-other")), "g-commanders");
        var noGroupConfigured = ConsoleSession.FromEasyAuth(Header(("preferred_username", "ic@ntc.example"), ("groups", "g-commanders")), null);

        Assert.Equal("aad:ic@ntc.example", member?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
        Assert.Null(outsider);
        Assert.Null(noGroupConfigured);
        Assert.Null(ConsoleSession.FromEasyAuth("not base64!", "g-commanders"));
        Assert.Contains(new ConsoleOptions { Auth = "EasyAuth" }.Problems(), p => p.StartsWith("Console:CommanderGroupId:", StringComparison.Ordinal));
        Assert.Contains(new ConsoleOptions { Auth = "Password" }.Problems(), p => p.StartsWith("Console:Auth:", StringComparison.Ordinal));
        Assert.Empty(new ConsoleOptions().Problems());
    }

    [Fact]
    public async Task EasyAuthMode_TrustsOnlyThePrincipalHeaderOfTheCommanderGroup_AndHasNoKeySignIn()
    {
        await using var app = await TestApp.StartAsync(azurite, s =>
        {
            s["Console:Auth"] = "EasyAuth";
            s["Console:CommanderGroupId"] = "g-commanders";
        });
        var ct = TestContext.Current.CancellationToken;
        static HttpRequestMessage Get(string group)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/console");
            request.Headers.Add(ConsoleSession.EasyAuthHeader, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
                $"{{\"auth_typ\":\"aad\",\"claims\":[{{\"typ\":\"preferred_username\",\"val\":\"ic@ntc.example\"}},{{\"typ\":\"groups\",\"val\":\"{group}\"}}]}}")));
            return request;
        }

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var member = await http.SendAsync(Get("g-commanders"), ct);
        var outsider = await http.SendAsync(Get("g-other"), ct);
        using var client = new ConsoleClient(app);
        var keySignIn = await client.SignInAsync();

        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        Assert.Contains("Signed in as aad:ic@ntc.example", await member.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.Redirect, outsider.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, keySignIn.StatusCode);
        Assert.Null(client.SessionCookie);
    }
}
