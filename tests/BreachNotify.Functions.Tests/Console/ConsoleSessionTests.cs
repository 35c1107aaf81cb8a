using System.Net;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>A console session lives on the server: a copy of its cookie is worth nothing once it ends.</summary>
public sealed class ConsoleSessionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SignOut_EndsTheSessionOnTheServer_ACopyOfTheCookieTakenBeforeNoLongerOpensTheConsole()
    {
        await using var app = await TestApp.StartAsync(azurite);
        using var client = new ConsoleClient(app);
        await client.SignInAsync();
        var copy = client.SessionCookie!.Value;
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(app.BaseAddress, copy));

        await client.GetAsync("/console");
        var (signOut, _) = await client.PostFormAsync("/console/signout", []);
        Assert.Equal(HttpStatusCode.SeeOther, signOut.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await StatusWithCookieAsync(app.BaseAddress, copy));
    }

    [Fact]
    public async Task CommanderKeyRemovedFromConfiguration_EndsThatCommandersSession_OthersStay()
    {
        string prefix;
        string primary;
        string backup;
        await using (var before = await TestApp.StartAsync(azurite))
        {
            prefix = before.Prefix;
            using var first = new ConsoleClient(before);
            await first.SignInAsync();
            primary = first.SessionCookie!.Value;
            using var second = new ConsoleClient(before);
            await second.SignInAsync(TestApp.BackupCommanderKey);
            backup = second.SessionCookie!.Value;
            Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(before.BaseAddress, backup));
        }

        // The same storage, the backup commander's key no longer configured.
        await using var after = await TestApp.StartAsync(azurite, s =>
        {
            s["Storage:Prefix"] = prefix;
            s.Remove("Commanders:Keys:ic-backup");
        });

        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(after.BaseAddress, primary));
        Assert.Equal(HttpStatusCode.Redirect, await StatusWithCookieAsync(after.BaseAddress, backup));
    }

    private static async Task<HttpStatusCode> StatusWithCookieAsync(Uri baseAddress, string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console");
        request.Headers.Add("Cookie", $"{ConsoleSession.CookieName}={cookie}");
        return (await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
    }
}
