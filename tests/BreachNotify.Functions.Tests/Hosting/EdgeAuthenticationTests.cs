using System.Net;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Tests.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>Each endpoint group's policy takes its own scheme only: a console session never opens the API, a commander key never opens the console.</summary>
public sealed class EdgeAuthenticationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ConsoleSessionCookie_DoesNotOpenTheApi_AndTheApisRefusalIsABearerChallenge()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        using var console = new ConsoleClient(app);
        Assert.Equal(HttpStatusCode.SeeOther, (await console.SignInAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/console")).Response.StatusCode);

        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/incidents");
        request.Headers.Add("Cookie", $"{ConsoleSession.CookieName}={console.SessionCookie!.Value}");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("\"title\":\"Not authenticated\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CommanderKey_DoesNotOpenTheConsole()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false");
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        using var page = await http.SendAsync(app.AsCommander(HttpMethod.Get, "/console"), TestContext.Current.CancellationToken);
        using var form = app.AsCommander(HttpMethod.Post, "/console/timezone");
        form.Content = new FormUrlEncodedContent([new("tz", "UTC")]);
        using var posted = await http.SendAsync(form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/console/signin", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, posted.StatusCode);
        Assert.Equal("text/html", posted.Content.Headers.ContentType?.MediaType);
    }
}
