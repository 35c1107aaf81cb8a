using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>A browser-like client of the console: its own cookie jar, no automatic redirects, forms posted with the page's antiforgery token.</summary>
internal sealed class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleClient(TestApp app)
        : this(app.BaseAddress)
    {
    }

    /// <summary>A client of an app at <paramref name="baseAddress"/> (one started as its own process).</summary>
    public ConsoleClient(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        BaseAddress = baseAddress;
    }

    public CookieContainer Cookies { get; }

    public Uri BaseAddress { get; }

    /// <summary>The antiforgery token of the last page read.</summary>
    public string? Token { get; private set; }

    public Cookie? SessionCookie => Cookies.GetAllCookies().FirstOrDefault(c => c.Name == ConsoleSession.CookieName);

    public async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path)
    {
        var response = await _http.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (Html.AntiforgeryToken(body) is { } token)
        {
            Token = token;
        }

        return (response, body);
    }

    public async Task<(HttpResponseMessage Response, string Body)> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken && Token is not null)
        {
            all.Add(new("__RequestVerificationToken", Token));
        }

        var response = await _http.PostAsync(path, new FormUrlEncodedContent(all), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (Html.AntiforgeryToken(body) is { } token)
        {
            Token = token;
        }

        return (response, body);
    }

    public async Task<HttpResponseMessage> SignInAsync(string key = TestApp.CommanderKey, string returnUrl = "/console")
    {
        await GetAsync("/console/signin");
        var (response, _) = await PostFormAsync("/console/signin", [new("key", key), new("returnUrl", returnUrl)]);
        return response;
    }

    public async Task SetTimeZoneAsync(string tz)
    {
        await GetAsync("/console");
        var (response, body) = await PostFormAsync("/console/timezone", [new("tz", tz), new("returnUrl", "/console")]);
        Assert.True(response.StatusCode == HttpStatusCode.SeeOther, body);
    }

    public static async Task<string> PostFixtureAsync(TestApp app, string fixture)
    {
        var response = await app.PostDetectionAsync(TestApp.Fixture(fixture));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incidentId").GetString()!;
    }

    public static async Task<JsonElement> ApiReadAsync(TestApp app, string incidentId)
    {
        var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"/api/incidents/{incidentId}"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The text of an element with this id, tags removed and entities decoded.</summary>
    public static string TextOf(string html, string id) => Html.TextOf(html, id);

    public void Dispose() => _http.Dispose();
}
