using System.Net.Sockets;
using BreachNotify.Cli.Tests.Infrastructure;
using BreachNotify.Functions.Ingest;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BreachNotify.Cli.Tests;

/// <summary>Against a tiny ingest that checks the signature with the app's own <see cref="SourceAuthenticator.Check"/>.</summary>
public sealed class DetectionSendTests
{
    private const string Secret = "test-secret-0123456789abcdef";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_signed_detection_is_accepted(bool timestamp)
    {
        var seen = new Seen();
        await using var server = await IngestAsync(seen, requireTimestamp: timestamp);
        string[] args = ["detection", "send", "--url", server.Url, "--source", "siem", "--secret", Secret, CliRun.Fixture("detection.json")];
        var result = await CliRun.RunAsync(timestamp ? [.. args, "--timestamp"] : args);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("202 Accepted", result.OutputLines[0]);
        Assert.Contains("\"incidentId\"", result.Output);
        Assert.Null(seen.Refusal);
        Assert.Equal("siem", seen.Source);
        var body = await File.ReadAllBytesAsync(CliRun.Fixture("detection.json"), TestContext.Current.CancellationToken);
        Assert.Equal(body, seen.Body);
        var expected = timestamp ? SourceSignature.Sign(Secret, body, long.Parse(seen.Timestamp!)) : SourceSignature.Sign(Secret, body);
        Assert.Equal(expected, seen.Signature);
        Assert.Equal(timestamp, seen.Timestamp is not null);
        Assert.DoesNotContain(Secret, result.Output + result.Error);
    }

    [Theory]
    [InlineData("detection.json", "application/json")]
    [InlineData("detection.log", "text/plain; charset=utf-8")]
    public async Task The_content_type_follows_the_file_CEF_logs_as_text(string fixture, string contentType)
    {
        var seen = new Seen();
        await using var server = await IngestAsync(seen, requireTimestamp: false);

        var result = await CliRun.RunAsync(["detection", "send", "--url", server.Url, "--source", "siem", "--secret", Secret, CliRun.Fixture(fixture)]);

        Assert.Equal(0, result.ExitCode);
        Assert.Null(seen.Refusal);
        Assert.Equal(contentType, seen.ContentType);
        Assert.Equal(await File.ReadAllBytesAsync(CliRun.Fixture(fixture), TestContext.Current.CancellationToken), seen.Body);
    }

    [Fact]
    public async Task The_secret_can_come_from_the_environment()
    {
        var seen = new Seen();
        await using var server = await IngestAsync(seen, requireTimestamp: false);

        var result = await CliRun.RunAsync(
            ["detection", "send", "--url", server.Url, "--source", "siem", CliRun.Fixture("detection.json")],
            environment: new Dictionary<string, string> { [Cli.SourceSecretVariable] = Secret });

        Assert.Equal(0, result.ExitCode);
        Assert.Null(seen.Refusal);
    }

    [Fact]
    public async Task A_wrong_secret_prints_the_401_and_exits_1()
    {
        var seen = new Seen();
        await using var server = await IngestAsync(seen, requireTimestamp: false);

        var result = await CliRun.RunAsync(
            ["detection", "send", "--url", server.Url, "--source", "siem", "--secret", "wrong-secret-0123456789", CliRun.Fixture("detection.json")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("401 Unauthorized", result.OutputLines[0]);
        Assert.Equal("signature does not match", seen.Refusal);
        Assert.DoesNotContain("wrong-secret", result.Output + result.Error);
    }

    [Fact]
    public async Task An_unreachable_url_is_one_line()
    {
        var result = await CliRun.RunAsync(
            ["detection", "send", "--url", $"http://127.0.0.1:{ClosedPort()}", "--source", "siem", "--secret", Secret, CliRun.Fixture("detection.json")]);

        result.AssertOneLineFailure("cannot reach http://127.0.0.1:");
    }

    [Fact]
    public async Task A_missing_secret_or_file_is_one_line()
    {
        (await CliRun.RunAsync(["detection", "send", "--source", "siem", CliRun.Fixture("detection.json")]))
            .AssertOneLineFailure("--secret is required (or set BREACHNOTIFY_SOURCE_SECRET)");
        (await CliRun.RunAsync(["detection", "send", "--source", "siem", "--secret", Secret, "/no/such/detection.json"]))
            .AssertOneLineFailure("file not found");
    }

    private static async Task<TinyServer> IngestAsync(Seen seen, bool requireTimestamp)
    {
        var authenticator = new SourceAuthenticator(
            Options.Create(new Dictionary<string, SourceOptions> { ["siem"] = new() { Secret = Secret, RequireTimestamp = requireTimestamp } }),
            Options.Create(new IngestOptions()), TimeProvider.System);
        return await TinyServer.StartAsync(async http =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            seen.Body = buffer.ToArray();
            seen.Source = http.Request.Query["source"];
            seen.ContentType = http.Request.ContentType;
            seen.Signature = http.Request.Headers[IngestOptions.SignatureHeader];
            seen.Timestamp = http.Request.Headers.TryGetValue(IngestOptions.TimestampHeader, out var ts) ? ts.ToString() : null;
            var source = authenticator.Find(seen.Source ?? "");
            seen.Refusal = source is null ? "unknown source" : authenticator.Check(source, http.Request, seen.Body);
            if (seen.Refusal is not null || http.Request.Path != "/api/detections" || http.Request.Method != "POST")
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await http.Response.WriteAsJsonAsync(new { title = "Not authenticated" });
                return;
            }

            http.Response.StatusCode = StatusCodes.Status202Accepted;
            await http.Response.WriteAsJsonAsync(new[] { new { incidentId = "inc-1", detectionId = "siem/1", duplicate = false } });
        });
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Seen
    {
        public byte[]? Body { get; set; }

        public string? Source { get; set; }

        public string? Signature { get; set; }

        public string? Timestamp { get; set; }

        public string? Refusal { get; set; }

        public string? ContentType { get; set; }
    }
}
