using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>One trace from a request through the queue's work items to the sends, with ids only as tags.</summary>
public sealed class TracingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_detection_and_its_queued_work_share_one_trace_and_so_do_an_approval_and_its_sends()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Tracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;

        string incidentId;
        ActivityTraceId ingestTrace;
        using (var request = new Activity("test: post a detection").Start())
        {
            var accepted = await (await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"))).Content.ReadFromJsonAsync<JsonElement>(ct);
            incidentId = accepted.GetProperty("incidentId").GetString()!;
            ingestTrace = request.TraceId;
        }

        await app.WaitForMailsAsync(m => m.To == "ic@ntc.example");
        ActivityTraceId approvalTrace;
        using (var request = new Activity("test: approve").Start())
        {
            var decision = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct);
            Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
            approvalTrace = request.TraceId;
        }

        await app.WaitForMailsAsync(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal), count: 3);
        await Task.Delay(500, ct); // the send work item's span stops after its last request is recorded

        var ours = spans.Where(s => (string?)s.GetTagItem(Tracing.IncidentTag) == incidentId).ToList();
        Assert.Contains(ours, s => s.DisplayName == "work item Timer" && s.TraceId == ingestTrace);
        Assert.Contains(ours, s => s.DisplayName == "work item NotifyCommanders" && s.TraceId == ingestTrace);
        // The first send item runs inside the fan-out item: its sends are in that span.
        Assert.Contains(ours, s => s.DisplayName == "work item FanOut" && s.TraceId == approvalTrace);
        Assert.All(ours, s => Assert.All(s.TagObjects, t => Assert.Equal(Tracing.IncidentTag, t.Key)));
    }
}
