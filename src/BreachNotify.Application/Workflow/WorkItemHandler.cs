using BreachNotify.Incidents;

namespace BreachNotify.Application.Workflow;

/// <summary>
/// Handles one queue message, the same way under both hosts (the standalone worker and the Functions host's
/// queue trigger). A handler's work is done before its outbox row is completed, so a crash in between only
/// means the sweep sends the command again, and the handler, being idempotent, finds nothing left to do.
/// </summary>
public sealed class WorkItemHandler(
    IncidentWorkflow workflow,
    NoticeFanOut fanOut,
    PhaseFanOut phases,
    NoticeBatchSender sender,
    CommanderNotifier commanders,
    AcknowledgementReminders reminders,
    DeadlineWarner deadlines,
    OutboxStore outbox,
    NoticeSources sources,
    ChangeNoticeMailer changeMails,
    SubprocessorChangeStore changes,
    TimeProvider time,
    MatterStore matters,
    ProhibitionReviewMailer prohibitionReviews)
{
    public async Task<WorkResult> HandleAsync(WorkItem item, CancellationToken cancellationToken = default)
    {
        if (!sources.IsWellFormed(item.Matter, item.IncidentId))
        {
            throw new InvalidDataException($"Work item without a well-formed {item.Matter} id.");
        }

        // The notice engine's items serve every kind of matter; the rest belong to one kind.
        var result = (item.Matter, item.Kind) switch
        {
            (MatterKind.Incident, WorkItemKind.FanOut) when item.Phase > 0 => await phases.RunAsync(item, cancellationToken),
            (_, WorkItemKind.FanOut) => await fanOut.RunAsync(item, cancellationToken),
            (_, WorkItemKind.SendBatch) => await sender.SendAsync(item, cancellationToken),
            (_, WorkItemKind.AckReminder) => await reminders.RunAsync(item, cancellationToken),
            (MatterKind.SubprocessorChange, WorkItemKind.Withdrawal) => await changeMails.WithdrawAsync(item, cancellationToken),
            (MatterKind.SubprocessorChange, WorkItemKind.ObjectionReceipt) => await changeMails.ReceiptAsync(item, cancellationToken),
            (MatterKind.SubprocessorChange, WorkItemKind.ChangeAlert) => await changeMails.AlertAsync(item, cancellationToken),
            (MatterKind.OtherNotice, WorkItemKind.ProhibitionReview) => await prohibitionReviews.RemindAsync(item, cancellationToken),
            (MatterKind.Incident, _) => await HandleIncidentAsync(item, cancellationToken),
            _ => throw new InvalidDataException($"No {item.Kind} work item for a {item.Matter}."),
        };

        if (result.RetryAfter is null && item.OutboxRowKey is not null)
        {
            await (item.Matter switch
            {
                MatterKind.SubprocessorChange => changes.CompleteWorkAsync(item.OutboxRowKey, cancellationToken),
                MatterKind.OtherNotice => matters.Table.CompleteWorkAsync(item.OutboxRowKey, cancellationToken),
                _ => outbox.CompleteAsync(item.IncidentId, item.OutboxRowKey, cancellationToken),
            });
        }

        return result;
    }

    private async Task<WorkResult> HandleIncidentAsync(WorkItem item, CancellationToken cancellationToken) =>
        item.Kind switch
        {
            WorkItemKind.Timer => await FireTimerAsync(item, cancellationToken),
            WorkItemKind.NotifyCommanders => await commanders.NotifyAsync(item, cancellationToken),
            WorkItemKind.DeadlineWarning => await deadlines.WarnAsync(item, cancellationToken),
            _ => throw new InvalidDataException($"Unknown work item kind {item.Kind}."),
        };

    private async Task<WorkResult> FireTimerAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var remaining = (item.DueAt ?? default) - time.GetUtcNow();
        if (remaining > TimeSpan.FromSeconds(1))
        {
            // Longer than the queue's 7-day limit: this was one link of the chain; the next carries on.
            return WorkResult.Retry(remaining);
        }

        await workflow.HandleAsync(item.IncidentId, new TimerFired(item.Timer ?? TimerKind.ApprovalRequest, item.Sequence), cancellationToken);
        return WorkResult.Done;
    }
}
