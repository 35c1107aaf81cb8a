using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.MailCapture;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>
/// The standalone host with <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> set exports through the Azure Monitor
/// exporter (here to a stand-in ingestion endpoint): one trace from the ingest request through the queue to the
/// SendGrid send, and from the approval to the notices' sends; ids only, no email address in any span.
/// </summary>
public sealed partial class AppInsightsExportTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task IngestAndApproval_EachOneTraceToTheirSendGridSends_SpansCarryNoEmailAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var insights = await AppInsightsCapture.StartAsync();
        await using var mail = await MailCaptureServer.StartAsync(new MailCaptureOptions(), ct);
        var port = AzuriteFixture.FreePort();
        var settings = TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), mail.BaseAddress, port);
        settings["APPLICATIONINSIGHTS_CONNECTION_STRING"] = insights.ConnectionString;
        // The exporter's own usage reports go to Microsoft, not to the connection string's endpoint.
        settings["APPLICATIONINSIGHTS_STATSBEAT_DISABLED"] = "true";
        await using var app = AppProcess.Start(settings);
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        await app.WaitUntilHealthyAsync(baseAddress, TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = baseAddress };

        // No trace context from the client: the app's request span begins the trace.
        using var posted = await http.SendAsync(TestApp.SignedDetection(TestApp.Fixture("ocsf-detection-finding-exfil.json")), ct);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var incidentId = (await posted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        var approvalRequest = Assert.Single(await mail.WaitForMailsAsync(1, TimeSpan.FromSeconds(45)));
        Assert.Equal("ic@ntc.example", approvalRequest.To);

        var ingest = Assert.Single(await insights.WaitForAsync(e => IsRequest(e, "POST", "/api/detections")));
        var ingestTrace = AppInsightsCapture.OperationId(ingest)!;
        Assert.Matches(TraceId(), ingestTrace);
        // The commanders' mail was sent to SendGrid in the ingest request's trace, two queue hops later.
        Assert.Equal(ingestTrace, TraceOf(mail, approvalRequest));
        await insights.WaitForAsync(e => AppInsightsCapture.Name(e) == "work item NotifyCommanders" && AppInsightsCapture.OperationId(e) == ingestTrace);

        using var decision = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{incidentId}/decision") { Content = JsonContent.Create(new { decision = "approve" }) };
        decision.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestApp.CommanderKey);
        using var approved = await http.SendAsync(decision, ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var all = await mail.WaitForMailsAsync(4, TimeSpan.FromSeconds(45));
        var notices = all.Where(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal)).ToList();
        Assert.Equal(["privacy@contoso.example", "secresponse@cloud-host.example", "soc@contoso.example"], notices.Select(m => m.To).Order());

        var approval = Assert.Single(await insights.WaitForAsync(e => IsRequest(e, "POST", $"/api/incidents/{incidentId}/decision")));
        var approvalTrace = AppInsightsCapture.OperationId(approval)!;
        Assert.NotEqual(ingestTrace, approvalTrace);
        Assert.All(notices, n => Assert.Equal(approvalTrace, TraceOf(mail, n)));
        await insights.WaitForAsync(e => AppInsightsCapture.Name(e) == "work item FanOut" && AppInsightsCapture.OperationId(e) == approvalTrace);

        // The link page's request span names the route, never the link's token (a secret, like a password).
        var link = new Uri(AckPage.LinkIn(notices.Single(n => n.To == "soc@contoso.example").Html!));
        var token = link.AbsolutePath["/ack/".Length..];
        using (var page = await http.GetAsync(link.PathAndQuery, ct))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        var ack = Assert.Single(await insights.WaitForAsync(e => AppInsightsCapture.Type(e) == "RequestData" && AppInsightsCapture.Name(e) == "GET /ack/{token}"));
        Assert.DoesNotContain(token, ack.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("/ack/[redacted]", AppInsightsCapture.BaseData(ack).GetProperty("url").GetString(), StringComparison.Ordinal);

        // Ids only: no recipient's (or anybody's) address in any span's name, URL or attributes, and no link token.
        var spans = insights.Spans.ToList();
        Assert.All(spans, s => Assert.DoesNotContain(token, s.GetRawText(), StringComparison.Ordinal));
        Assert.Contains(spans, s => AppInsightsCapture.BaseData(s).GetRawText().Contains(incidentId, StringComparison.Ordinal));
        Assert.All(spans, s => Assert.DoesNotMatch(EmailAddress(), AppInsightsCapture.BaseData(s).GetRawText()));
    }

    private static bool IsRequest(JsonElement envelope, string method, string path) =>
        AppInsightsCapture.Type(envelope) == "RequestData"
        && AppInsightsCapture.BaseData(envelope).TryGetProperty("url", out var url)
        && new Uri(url.GetString()!).AbsolutePath == path
        && AppInsightsCapture.Name(envelope)!.StartsWith(method + " ", StringComparison.Ordinal);

    /// <summary>The trace id of the SendGrid request that carried the mail (from its W3C traceparent header).</summary>
    private static string? TraceOf(MailCaptureServer mail, CapturedMail captured) =>
        mail.Requests.Single(r => r.RequestNumber == captured.RequestNumber).TraceParent is { } parent
            ? ActivityContext.Parse(parent, null).TraceId.ToHexString()
            : null;

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex TraceId();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")]
    private static partial Regex EmailAddress();
}
