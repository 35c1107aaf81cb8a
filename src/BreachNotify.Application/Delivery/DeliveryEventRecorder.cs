using BreachNotify.Notices;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Application.Delivery;

/// <summary>
/// Applies SendGrid's delivery events to the notices, each through the store under its record's ETag; which event wins
/// over which is the domain's (<see cref="Notice.ApplyDeliveryEvent"/>): the same event twice changes nothing and a late
/// event never downgrades a notice. A bounce is never silent: the request that moves a notice to Bounced claims its
/// alert on the same write and mails the commanders; if that mail does not go out the claim is released and the answer
/// asks SendGrid to post again.
/// </summary>
public sealed class DeliveryEventRecorder(NoticeStore notices, BounceAlerter alerter, TimeProvider time, WorkflowMetrics metrics, ILogger<DeliveryEventRecorder> logger)
{
    /// <summary>How long a claimed alert belongs to the request that claimed it (should that request die).</summary>
    public static readonly TimeSpan AlertLease = TimeSpan.FromMinutes(2);

    private enum Result
    {
        Ignored,
        Unchanged,
        Applied,
    }

    /// <summary>The counts, and whether a bounce alert is still owed (the caller then answers so that SendGrid retries).</summary>
    public async Task<(DeliveryEventsAnswer Answer, bool AlertOwed)> RecordAsync(IReadOnlyList<DeliveryEvent> events, CancellationToken cancellationToken)
    {
        int applied = 0, unchanged = 0, ignored = 0, alerts = 0;
        var owed = false;

        // In their own order; the rules below make the outcome the same in any order.
        foreach (var e in events.OrderBy(e => e.At ?? DateTimeOffset.MaxValue))
        {
            if (!e.HasNotice)
            {
                ignored++;
                continue;
            }

            var (result, alert, pending) = await ApplyAsync(e, cancellationToken);
            switch (result)
            {
                case Result.Applied:
                    applied++;
                    break;
                case Result.Unchanged:
                    unchanged++;
                    break;
                default:
                    ignored++;
                    break;
            }

            owed |= pending;
            if (alert is not null)
            {
                if (await AlertAsync(alert, cancellationToken))
                {
                    alerts++;
                }
                else
                {
                    owed = true;
                }
            }
        }

        return (new DeliveryEventsAnswer(events.Count, applied, unchanged, ignored, alerts), owed);
    }

    private async Task<(Result Result, NoticeRecord? Alert, bool AlertPending)> ApplyAsync(DeliveryEvent e, CancellationToken cancellationToken)
    {
        var report = e.Report;
        if (await notices.UpdateAsync(e.IncidentId!, e.NoticeId!, n => n.ApplyDeliveryEvent(report, time.GetUtcNow(), AlertLease), cancellationToken) is not { } update)
        {
            return (Result.Ignored, null, false);
        }

        var (record, step) = (update.Row, update.Transition);
        var claimAlert = step.Effects.HasFlag(NoticeEffects.AlertCommandersOfBounce);
        if (!step.Writes)
        {
            return (Result.Unchanged, null, step.Next.BounceAlertOwed);
        }

        if (step.Previous.Status != step.Next.Status)
        {
            if (step.Next.Status == NoticeStatus.Delivered)
            {
                metrics.NoticeDelivered();
            }
            else if (step.Next.Status == NoticeStatus.Bounced)
            {
                metrics.NoticeBounced(e.Kind);
                logger.NoticeBounced(record.IncidentId, record.NoticeId, e.Kind);
            }
        }

        return (step.Applied ? Result.Applied : Result.Unchanged, claimAlert ? record : null, false);
    }

    private async Task<bool> AlertAsync(NoticeRecord bounced, CancellationToken cancellationToken)
    {
        var claimedAt = bounced.BounceAlertClaimedAt;
        var sent = await alerter.AlertAsync(bounced, cancellationToken);
        // Sent: recorded, so it is sent once. Not sent: released, so SendGrid's next post of this bounce claims it again.
        await notices.UpdateAsync(
            bounced.IncidentId, bounced.NoticeId, n => sent ? n.RecordBounceAlertSent(time.GetUtcNow()) : n.ReleaseBounceAlert(claimedAt), cancellationToken);

        if (sent)
        {
            metrics.BounceAlertSent();
            logger.BounceAlertSent(bounced.IncidentId, bounced.NoticeId);
        }
        else
        {
            logger.BounceAlertFailed(bounced.IncidentId, bounced.NoticeId);
        }

        return sent;
    }
}
