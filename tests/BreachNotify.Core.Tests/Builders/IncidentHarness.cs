using BreachNotify.Detections;
using BreachNotify.Incidents;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Tests.Builders;

/// <summary>
/// One incident driven through the decider as the store and the worker drive it: each step's events appended to the
/// history and folded into the state; a detection's classification timer fired at once.
/// </summary>
internal sealed class IncidentHarness
{
    private readonly IncidentDecider _decider = new(TestData.SampleDirectory, TestData.Rules, WorkflowSettings.Default);
    private readonly List<IncidentEvent> _history = [];
    private IncidentState? _state;

    public FakeTimeProvider Time { get; } = new(TestData.Now);

    public DateTimeOffset Now => Time.GetUtcNow();

    public IncidentState State => _state ?? throw new InvalidOperationException("no incident yet");

    /// <summary>The incident's history as the store holds it, in order.</summary>
    public IReadOnlyList<IncidentEvent> History => _history;

    /// <summary>What the decider answers now, without recording it.</summary>
    public IncidentStep Peek(WorkflowMessage message) => _decider.Decide(_state, message, Now);

    public IncidentStep Step(WorkflowMessage message)
    {
        var step = _decider.Decide(_state, message, Now);
        if (step.Events.Count > 0)
        {
            var first = step.Events.OfType<DetectionRecorded>().FirstOrDefault()?.Detection;
            _state ??= IncidentState.Empty(IncidentId.For(first!.Source, first.SourceId));
            foreach (var e in step.Events)
            {
                _history.Add(e);
                _state = _state.Apply(e);
            }
        }

        return step;
    }

    /// <summary>The detection, then its classification timer, as one step (the timer itself left out of the commands).</summary>
    public IncidentStep Arrive(NormalizedDetection detection)
    {
        var arrived = Step(new DetectionArrived(detection));
        if (arrived.Commands.OfType<ScheduleTimer>().FirstOrDefault(t => t.Timer == TimerKind.Classification) is not { } timer)
        {
            return arrived;
        }

        var classified = Step(new ClassificationDue(timer.Sequence, IncidentDetections.From(_history)));
        return new IncidentStep([.. arrived.Events, .. classified.Events], [.. arrived.Commands.Where(c => c != timer), .. classified.Commands]);
    }

    public IncidentStep Decide(DecisionKind kind, string? comment = "ok", FinalReport? report = null) =>
        Step(new CommanderDecision(kind, "ic-primary", comment, Report: report));

    /// <summary>Whether the history replays to the state built step by step.</summary>
    public IncidentState Replayed() => IncidentState.Replay(State.Id, _history);
}
