using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.MailCapture;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>Pages carrying an antiforgery token (console, acknowledgement) leave no antiforgery warning in the app's log.</summary>
public sealed class AntiforgeryLogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ConsoleAndAcknowledgementPages_LogNoCacheHeaderOverrideWarning_AndAreNotCached()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var mail = await MailCaptureServer.StartAsync(new MailCaptureOptions(), ct);
        var port = AzuriteFixture.FreePort();
        var settings = TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), mail.BaseAddress, port);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
        await using var app = AppProcess.Start(settings);
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        await app.WaitUntilHealthyAsync(baseAddress, TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = baseAddress };

        using var posted = TestApp.SignedDetection(TestApp.Fixture("ocsf-detection-finding-exfil.json"));
        var accepted = await http.SendAsync(posted, ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var incidentId = (await accepted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        await mail.WaitForMailsAsync(1, TimeSpan.FromSeconds(30));

        // Every console page with a form, signed out and signed in.
        using var console = new ConsoleClient(baseAddress);
        var pages = new List<HttpResponseMessage> { (await console.GetAsync("/console/signin")).Response };
        Assert.Equal(HttpStatusCode.SeeOther, (await console.SignInAsync()).StatusCode);
        foreach (var path in new[] { "/console", $"/console/incidents/{incidentId}", "/console/register", "/console/deadletters" })
        {
            var (response, _) = await console.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(response);
        }

        // The acknowledgement page of a sent notice.
        using var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{incidentId}/decision") { Content = JsonContent.Create(new { decision = "approve" }) };
        approve.Headers.Authorization = new("Bearer", TestApp.CommanderKey);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(approve, ct)).StatusCode);
        var notices = await mail.WaitForMailsAsync(4, TimeSpan.FromSeconds(30));
        var link = AckPage.LinkIn(notices.First(m => m.To == "soc@contoso.example").Html!);
        var ack = await http.GetAsync(link, ct);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        pages.Add(ack);

        foreach (var page in pages)
        {
            Assert.True(page.Headers.CacheControl is { NoCache: true, NoStore: true }, page.Headers.CacheControl?.ToString());
            Assert.Equal("no-cache", page.Headers.Pragma.ToString());
        }

        await Task.Delay(1000, ct);
        app.Kill();
        Assert.DoesNotContain("have been overridden", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.AspNetCore.Antiforgery", app.Output, StringComparison.Ordinal);
    }
}
