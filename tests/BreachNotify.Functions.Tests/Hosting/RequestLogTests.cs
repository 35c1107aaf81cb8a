using System.Net;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>The app's log as an operator would capture it: the built app started from another folder.</summary>
public sealed class RequestLogTests(AzuriteFixture azurite)
{
    private const string AckToken = "AckLinkSecret0123456789abcdefABCDEF_-xyz";

    [Fact]
    public async Task StartedFromAnotherFolder_ReadsItsOwnSettings_AndLogsNoRequestLines()
    {
        // Information for everything, as the app's own appsettings.json has it; that file also quiets ASP.NET Core.
        var output = await RunAndCaptureAsync(new() { ["Logging:LogLevel:Default"] = "Information" });

        Assert.DoesNotContain("Request starting", output, StringComparison.Ordinal);
        Assert.DoesNotContain(TestApp.SplunkToken, output, StringComparison.Ordinal);
        Assert.DoesNotContain(AckToken, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestLogLines_AtTraceLevel_CarryNeitherQueryTokensNorAcknowledgementLinks()
    {
        var output = await RunAndCaptureAsync(new()
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
        });

        Assert.Contains("Request starting", output, StringComparison.Ordinal);
        Assert.Contains("/ack/[redacted]", output, StringComparison.Ordinal);
        Assert.Contains("&token=[redacted]", output, StringComparison.Ordinal);
        Assert.Contains("RequestPath:/ack/[redacted]", output, StringComparison.Ordinal);
        Assert.DoesNotContain(TestApp.SplunkToken, output, StringComparison.Ordinal);
        Assert.DoesNotContain(AckToken, output, StringComparison.Ordinal);
    }

    private async Task<string> RunAndCaptureAsync(Dictionary<string, string?> logging)
    {
        var port = AzuriteFixture.FreePort();
        var settings = TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), new Uri("http://127.0.0.1:9"), port);
        settings["Workflow:RunWorkers"] = "false";
        foreach (var (key, value) in logging)
        {
            settings[key] = value;
        }

        var elsewhere = Directory.CreateTempSubdirectory("bn-cwd-").FullName;
        await using var app = AppProcess.Start(settings, workingDirectory: elsewhere);
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        await app.WaitUntilHealthyAsync(baseAddress, TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = baseAddress };
        var cancellationToken = TestContext.Current.CancellationToken;

        using var splunk = new StringContent(TestApp.Fixture("splunk-webhook-vpn-bruteforce.json"), System.Text.Encoding.UTF8, "application/json");
        var ingest = await http.PostAsync($"/api/detections?source=splunk&token={TestApp.SplunkToken}", splunk, cancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, ingest.StatusCode);
        await http.GetAsync($"/ack/{AckToken}", cancellationToken);
        await http.GetAsync($"/ack/{AckToken}?token={TestApp.SplunkToken}", cancellationToken);
        await http.GetAsync($"/nowhere?x=1&TOKEN={TestApp.SplunkToken}", cancellationToken);
        // A request line Kestrel refuses: its error (with the target, when Information is on) is logged with the exception.
        using (var raw = new System.Net.Sockets.TcpClient())
        {
            await raw.ConnectAsync(baseAddress.Host, baseAddress.Port, cancellationToken);
            var stream = raw.GetStream();
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET /ack/{AckToken}?token={TestApp.SplunkToken}\u0000 HTTP/1.1\r\nHost: x\r\n\r\n"), cancellationToken);
            var answer = new byte[1024];
            Assert.True(await stream.ReadAsync(answer, cancellationToken) > 0);
        }

        await Task.Delay(1500, cancellationToken);
        app.Kill();
        Directory.Delete(elsewhere, recursive: true);
        return app.Output;
    }
}
