using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Worker.Tests.Infrastructure;

namespace BreachNotify.Worker.Tests;

/// <summary>The worker exports to Application Insights as the standalone host does: the same registration, the same trace.</summary>
public sealed partial class WorkerTelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task DetectionThroughTheWorker_OneTraceFromItsRequestThroughTheQueueTriggersToTheSendGridSend()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var insights = await AppInsightsCapture.StartAsync();
        await using var app = await WorkerApp.StartAsync(azurite, s =>
        {
            s["APPLICATIONINSIGHTS_CONNECTION_STRING"] = insights.ConnectionString;
            s["APPLICATIONINSIGHTS_STATSBEAT_DISABLED"] = "true";
        });

        using var posted = await app.PostDetectionAsync(WorkerApp.Fixture("ocsf-detection-finding-exfil.json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var incidentId = (await posted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!;
        await app.Host.DrainAsync(app.Queue);
        var approvalRequest = Assert.Single(app.Mail.Mails);
        Assert.Equal("ic@ntc.example", approvalRequest.To);

        var ingest = Assert.Single(await insights.WaitForAsync(e =>
            AppInsightsCapture.Type(e) == "RequestData" && AppInsightsCapture.Name(e) == "POST /api/detections"));
        var ingestTrace = AppInsightsCapture.OperationId(ingest)!;
        var parent = app.Mail.Requests.Single(r => r.RequestNumber == approvalRequest.RequestNumber).TraceParent;
        Assert.NotNull(parent);
        Assert.Equal(ingestTrace, ActivityContext.Parse(parent, null).TraceId.ToHexString());
        await insights.WaitForAsync(e => AppInsightsCapture.Name(e) == "work item NotifyCommanders" && AppInsightsCapture.OperationId(e) == ingestTrace);

        var spans = insights.Spans.ToList();
        Assert.Contains(spans, s => AppInsightsCapture.BaseData(s).GetRawText().Contains(incidentId, StringComparison.Ordinal));
        Assert.All(spans, s => Assert.DoesNotMatch(EmailAddress(), AppInsightsCapture.BaseData(s).GetRawText()));
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")]
    private static partial Regex EmailAddress();
}
