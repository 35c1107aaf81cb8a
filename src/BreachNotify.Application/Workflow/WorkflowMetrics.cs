using System.Diagnostics.Metrics;

namespace BreachNotify.Application.Workflow;

/// <summary>The product's metrics (meter "BreachNotify"), exported with OpenTelemetry when configured.</summary>
public sealed class WorkflowMetrics
{
    public const string MeterName = "BreachNotify";

    private readonly Counter<long> _detectionsAccepted;
    private readonly Counter<long> _detectionsRefused;
    private readonly Counter<long> _noticesSent;
    private readonly Counter<long> _noticesFailed;
    private readonly Counter<long> _noticesAcknowledged;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _noticesDelivered;
    private readonly Counter<long> _noticesBounced;
    private readonly Counter<long> _bounceAlerts;
    private readonly Counter<long> _deliveryEventsRefused;
    private readonly Histogram<double> _awarenessToNotice;
    private readonly Histogram<double> _queueLag;

    public WorkflowMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _detectionsAccepted = meter.CreateCounter<long>("breachnotify.detections.accepted");
        _detectionsRefused = meter.CreateCounter<long>("breachnotify.detections.refused");
        _noticesSent = meter.CreateCounter<long>("breachnotify.notices.sent");
        _noticesFailed = meter.CreateCounter<long>("breachnotify.notices.failed");
        _noticesAcknowledged = meter.CreateCounter<long>("breachnotify.notices.acknowledged");
        _deadLetters = meter.CreateCounter<long>("breachnotify.deadletters");
        _noticesDelivered = meter.CreateCounter<long>("breachnotify.notices.delivered");
        _noticesBounced = meter.CreateCounter<long>("breachnotify.notices.bounced");
        _bounceAlerts = meter.CreateCounter<long>("breachnotify.notices.bounce_alerts");
        _deliveryEventsRefused = meter.CreateCounter<long>("breachnotify.delivery_events.refused");
        _awarenessToNotice = meter.CreateHistogram<double>("breachnotify.notice.awareness_to_sent", "s");
        _queueLag = meter.CreateHistogram<double>("breachnotify.queue.lag", "s");
    }

    public void DetectionAccepted() => _detectionsAccepted.Add(1);

    public void DetectionRefused(int status) => _detectionsRefused.Add(1, new KeyValuePair<string, object?>("status", status));

    public void NoticesSent(int count) => _noticesSent.Add(count);

    public void NoticesFailed(int count) => _noticesFailed.Add(count);

    public void NoticeAcknowledged() => _noticesAcknowledged.Add(1);

    public void DeadLettered() => _deadLetters.Add(1);

    public void NoticeDelivered() => _noticesDelivered.Add(1);

    /// <summary><paramref name="kind"/>: SendGrid's event, "bounce" or "dropped".</summary>
    public void NoticeBounced(string kind) => _noticesBounced.Add(1, new KeyValuePair<string, object?>("event", kind));

    public void BounceAlertSent() => _bounceAlerts.Add(1);

    public void DeliveryEventsRefused(int status) => _deliveryEventsRefused.Add(1, new KeyValuePair<string, object?>("status", status));

    public void AwarenessToNotice(TimeSpan elapsed) => _awarenessToNotice.Record(elapsed.TotalSeconds);

    public void QueueLag(TimeSpan lag) => _queueLag.Record(lag.TotalSeconds);
}
