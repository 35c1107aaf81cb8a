using System.Text.Json;
using BreachNotify.Detections;
using BreachNotify.Incidents;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Incidents;

/// <summary>The state is one storage row: what it keeps of a detection does not grow with the detection.</summary>
public sealed class IncidentStateBoundsTests
{
    [Fact]
    public void A_large_detection_leaves_only_its_summary_in_the_state_and_its_whole_self_in_the_history()
    {
        var large = TestData.Detection("ocsf-detection-finding-exfil.json") with
        {
            Description = new string('d', 8_000),
            Evidence = [.. Enumerable.Range(0, 200).Select(i => new EvidenceItem($"field-{i}".PadRight(256, 'n'), new string('v', 500)))],
        };
        var decider = new IncidentDecider(TestData.SampleDirectory, TestData.Rules, WorkflowSettings.Default);

        var step = decider.Decide(null, new DetectionArrived(large), TestData.Now);
        var state = IncidentState.Replay("inc-1", step.Events);

        Assert.InRange(JsonSerializer.Serialize(state, DomainJson.Options).Length, 1, 2_000);
        Assert.Equal(large.Fingerprint(), Assert.Single(state.Detections).Fingerprint);
        Assert.Equal(200, Assert.Single(IncidentDetections.From(step.Events)).Evidence.Count);
    }

    [Fact]
    public void A_classification_timer_is_never_decided_without_the_detections()
    {
        var detection = TestData.Detection("ocsf-detection-finding-exfil.json");
        var decider = new IncidentDecider(TestData.SampleDirectory, TestData.Rules, WorkflowSettings.Default);
        var state = IncidentState.Replay("inc-1", decider.Decide(null, new DetectionArrived(detection), TestData.Now).Events);

        Assert.Throws<ArgumentException>(() => decider.Decide(state, new TimerFired(TimerKind.Classification, 1), TestData.Now));
    }

    [Fact]
    public void An_update_replaces_the_detection_in_both_the_summary_and_the_history_fold()
    {
        var detection = TestData.Detection("ocsf-detection-finding-exfil.json");
        var updated = detection with { SourceStatus = "closed" };
        var decider = new IncidentDecider(TestData.SampleDirectory, TestData.Rules, WorkflowSettings.Default);
        var first = decider.Decide(null, new DetectionArrived(detection), TestData.Now);
        var state = IncidentState.Replay("inc-1", first.Events);

        var second = decider.Decide(state, new DetectionArrived(updated), TestData.Now);
        state = second.Events.Aggregate(state, (s, e) => s.Apply(e));

        Assert.Equal("closed", Assert.Single(state.Detections).SourceStatus);
        Assert.Equal("closed", Assert.Single(IncidentDetections.From([.. first.Events, .. second.Events])).SourceStatus);
    }
}
