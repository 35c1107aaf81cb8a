using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Storage;
using BreachNotify.Functions.Workflow;
using BreachNotify.Notices;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.Delivery;

/// <summary>
/// Applies SendGrid's delivery events to the notices, each under its record's ETag (retried when the record changed
/// meanwhile), so that the same event twice changes nothing and a late event never downgrades a notice: delivered
/// moves a notice on to Delivered (an acknowledged one keeps its status and gains its delivery time), a bounce or drop
/// wins over delivered, a deferral only records its reason while the notice is still on its way. A bounce is never
/// silent: the request that moves a notice to Bounced claims its alert on the same write and mails the commanders;
/// if that mail does not go out the claim is released and the answer asks SendGrid to post again.
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
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var record = await notices.FindAsync(e.IncidentId!, e.NoticeId!, cancellationToken);
            if (record is null)
            {
                return (Result.Ignored, null, false);
            }

            var now = time.GetUtcNow();
            var before = record.State;
            var (changed, claimAlert) = Apply(record, e, now);
            var alertPending = !claimAlert && record.State == NoticeStatus.Bounced && record.BounceAlertedAt is null;
            if (!changed && !claimAlert)
            {
                return (Result.Unchanged, null, alertPending);
            }

            if (!await notices.TryReplaceAsync(record, cancellationToken))
            {
                continue;
            }

            if (before != record.State)
            {
                if (record.State == NoticeStatus.Delivered)
                {
                    metrics.NoticeDelivered();
                }
                else if (record.State == NoticeStatus.Bounced)
                {
                    metrics.NoticeBounced(e.Kind);
                    logger.NoticeBounced(record.IncidentId, record.NoticeId, e.Kind);
                }
            }

            return (changed ? Result.Applied : Result.Unchanged, claimAlert ? record : null, false);
        }

        throw new InvalidOperationException("The notice kept changing while a delivery event was being recorded.");
    }

    /// <summary>
    /// Moves <paramref name="record"/> on by one event. Changed: the notice learnt something. ClaimAlert: this write
    /// claims the commanders' alert of a bounced notice (its first bounce, or an alert a failed request left owed).
    /// </summary>
    internal static (bool Changed, bool ClaimAlert) Apply(NoticeRecord record, DeliveryEvent e, DateTimeOffset now)
    {
        var at = e.At ?? now;
        switch (e.Kind)
        {
            case "delivered":
                if (record.State == NoticeStatus.Acknowledged)
                {
                    if (record.DeliveredAt is not null)
                    {
                        return (false, false);
                    }

                    record.DeliveredAt = at;
                    return (true, false);
                }

                if (record.State is NoticeStatus.Delivered or NoticeStatus.Bounced)
                {
                    // Delivered already; or a bounce, which stands (a later "delivered" cannot undo it).
                    return (false, false);
                }

                record.State = NoticeStatus.Delivered;
                record.DeliveredAt = at;
                record.LastError = null;
                return (true, false);

            case "deferred":
                if (record.State is not (NoticeStatus.Pending or NoticeStatus.Sending or NoticeStatus.Sent))
                {
                    return (false, false); // Late: the notice got further meanwhile.
                }

                var deferred = $"deferred: {e.Reason ?? "no reason given"}";
                if (record.LastError == deferred)
                {
                    return (false, false);
                }

                record.LastError = deferred;
                return (true, false);

            case "bounce" or "dropped":
                var error = e.Kind == "bounce"
                    ? $"bounce ({e.BounceType ?? "bounce"}): {e.Reason ?? "no reason given"}"
                    : $"dropped: {e.Reason ?? "no reason given"}";
                if (record.State == NoticeStatus.Acknowledged)
                {
                    // Someone acknowledged it: it reached them. The provider's word is kept, the status stands.
                    if (record.LastError == error)
                    {
                        return (false, false);
                    }

                    record.LastError = error;
                    return (true, false);
                }

                if (record.State == NoticeStatus.Bounced)
                {
                    // A repeat. The alert is owed only if an earlier request claimed it and gave up (or died past its lease).
                    if (record.BounceAlertedAt is null && (record.BounceAlertClaimedAt is null || record.BounceAlertClaimedAt + AlertLease <= now))
                    {
                        record.BounceAlertClaimedAt = now;
                        return (false, true);
                    }

                    return (false, false);
                }

                record.State = NoticeStatus.Bounced;
                record.BouncedAt = at;
                record.LastError = error;
                record.BounceAlertClaimedAt = now;
                return (true, true);

            default:
                // processed, open, click, spamreport, unsubscribe...: nothing a notice's status depends on.
                return (false, false);
        }
    }

    private async Task<bool> AlertAsync(NoticeRecord bounced, CancellationToken cancellationToken)
    {
        var claimedAt = bounced.BounceAlertClaimedAt;
        var sent = await alerter.AlertAsync(bounced, cancellationToken);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var record = await notices.FindAsync(bounced.IncidentId, bounced.NoticeId, cancellationToken);
            if (record is null || record.BounceAlertedAt is not null || (!sent && record.BounceAlertClaimedAt != claimedAt))
            {
                break;
            }

            if (sent)
            {
                record.BounceAlertedAt = time.GetUtcNow();
            }
            else
            {
                record.BounceAlertClaimedAt = null; // Released: SendGrid's next post of this bounce claims it again.
            }

            if (await notices.TryReplaceAsync(record, cancellationToken))
            {
                break;
            }
        }

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
