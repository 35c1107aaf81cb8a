using System.Net;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.MailCapture;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>
/// The data-protection key ring is in the product's storage: a form opened on one instance posts on another started
/// afterwards, with a home folder of its own (where the framework would otherwise keep its keys).
/// </summary>
public sealed class DataProtectionKeyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_sign_in_form_opened_before_a_restart_on_a_fresh_machine_still_signs_in_after_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var mail = await MailCaptureServer.StartAsync(new MailCaptureOptions(), ct);
        var port = AzuriteFixture.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var settings = TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), mail.BaseAddress, port);
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };

        string token;
        settings["HOME"] = Directory.CreateTempSubdirectory("bn-home-a-").FullName;
        await using (var first = AppProcess.Start(settings))
        {
            await first.WaitUntilHealthyAsync(baseAddress, TimeSpan.FromSeconds(60));
            var page = await http.GetStringAsync("/console/signin", ct);
            token = Html.AntiforgeryToken(page) ?? "";
            Assert.NotEmpty(token);
        }

        settings["HOME"] = Directory.CreateTempSubdirectory("bn-home-b-").FullName;
        await using var second = AppProcess.Start(settings);
        await second.WaitUntilHealthyAsync(baseAddress, TimeSpan.FromSeconds(60));
        using var signIn = await http.PostAsync("/console/signin", new FormUrlEncodedContent(
            [new("key", TestApp.CommanderKey), new("returnUrl", "/console"), new("__RequestVerificationToken", token)]), ct);

        Assert.True(signIn.StatusCode == HttpStatusCode.SeeOther, $"{(int)signIn.StatusCode}: {await signIn.Content.ReadAsStringAsync(ct)}");
        using var console = await http.GetAsync("/console", ct);
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
    }
}
