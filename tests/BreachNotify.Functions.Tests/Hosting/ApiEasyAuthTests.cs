using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Tests.SubprocessorChanges;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>
/// The commanders' API under App Service authentication: a commander-group member's principal opens it and is the
/// actor on the record; any other principal gets the API's 401 problem (never the console's sign-in redirect); the
/// commander key still works; and outside Easy Auth mode the principal header is not trusted at all.
/// </summary>
public sealed class ApiEasyAuthTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AGroupMembersPrincipalCallsTheApi_AndIsTheActorOnWhatItRecords()
    {
        await using var app = await StartEasyAuthAsync();
        using var http = NoRedirects(app);

        using var announced = await http.SendAsync(AsPrincipal(HttpMethod.Post, ChangeApi.Path, "ic@ntc.example", "g-commanders", ChangeApi.Change(Start, 60)), Ct);
        Assert.Equal(HttpStatusCode.Created, announced.StatusCode);
        var id = (await announced.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        using var read = await http.SendAsync(AsPrincipal(HttpMethod.Get, $"{ChangeApi.Path}/{id}", "ic@ntc.example", "g-commanders"), Ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var change = await read.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var actors = change.GetProperty("timeline").EnumerateArray()
            .Select(t => t.TryGetProperty("actor", out var a) ? a.GetString() : null).Where(a => a is not null).ToList();
        Assert.Equal(["commander:aad:ic@ntc.example"], actors); // the change timeline's form of a commander actor
    }

    [Fact]
    public async Task APrincipalOutsideTheGroup_GetsTheApisProblem_AndTheKeyStillWorks()
    {
        await using var app = await StartEasyAuthAsync();
        using var http = NoRedirects(app);

        using var outsider = await http.SendAsync(AsPrincipal(HttpMethod.Get, ChangeApi.Path, "someone@ntc.example", "g-other"), Ct);
        using var nobody = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, ChangeApi.Path), Ct);
        using var key = await http.SendAsync(app.AsCommander(HttpMethod.Get, ChangeApi.Path), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, outsider.StatusCode);
        Assert.Equal("application/problem+json", outsider.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", outsider.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.OK, key.StatusCode);
    }

    [Fact]
    public async Task WithoutEasyAuthMode_ThePrincipalHeaderOpensNothing()
    {
        await using var app = await TestApp.StartAsync(azurite, null, new FakeTimeProvider(Start));
        using var http = NoRedirects(app);

        using var response = await http.SendAsync(AsPrincipal(HttpMethod.Get, ChangeApi.Path, "ic@ntc.example", "g-commanders"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<TestApp> StartEasyAuthAsync() => TestApp.StartAsync(azurite, s =>
    {
        s["Console:Auth"] = "EasyAuth";
        s["Console:CommanderGroupId"] = "g-commanders";
    }, new FakeTimeProvider(Start));

    private static HttpClient NoRedirects(TestApp app) => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

    /// <summary>A request as App Service forwards it after signing the caller in: its principal, base64 JSON, in the header.</summary>
    private static HttpRequestMessage AsPrincipal(HttpMethod method, string path, string user, string group, object? json = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = json is null ? null : JsonContent.Create(json) };
        var principal = JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            claims = new[] { new { typ = "preferred_username", val = user }, new { typ = "groups", val = group } },
        });
        request.Headers.Add(ConsoleSession.EasyAuthHeader, Convert.ToBase64String(Encoding.UTF8.GetBytes(principal)));
        return request;
    }
}
