using BreachNotify.Acknowledgements;
using BreachNotify.Incidents;
using BreachNotify.Notices;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Application.Acknowledgements;

/// <summary>
/// Finds a notice by its link's token and records its acknowledgement on the notice record (<see cref="Notice.Acknowledge"/>
/// through the store, under the record's ETag): the first acknowledgement stands, and one racing a reminder or a status
/// update is never lost. What it means
/// to the matter beyond its notice (a change's consent) is the matter kind's (<see cref="INoticeSource.AcknowledgedAsync"/>).
/// </summary>
public sealed class AcknowledgementRecorder(NoticeStore notices, NoticeSources sources, TimeProvider time, WorkflowMetrics metrics, ILogger<AcknowledgementRecorder> logger)
{
    public async Task<AcknowledgementResult> FindAsync(string tokenText, CancellationToken cancellationToken = default)
    {
        if (AcknowledgementToken.TryParse(tokenText) is not { } token || !NoticeSources.IsAnyMatterId(token.IncidentId) || NoticeId.IndexOf(token.NoticeId) < 0)
        {
            return new(AcknowledgementLookup.Unknown, null);
        }

        var record = await notices.FindAsync(token.IncidentId, token.NoticeId, cancellationToken);
        if (record is null || !record.AcceptsToken(token))
        {
            return new(AcknowledgementLookup.Unknown, null);
        }

        // An acknowledged notice stays readable after its link expires, so the recipient can see it was recorded.
        return record.Lifecycle.LinkExpired(time.GetUtcNow())
            ? new(AcknowledgementLookup.Expired, record)
            : new(AcknowledgementLookup.Valid, record);
    }

    public async Task<AcknowledgementResult> RecordAsync(string tokenText, string name, string? comment, string? clientAddress, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(tokenText, cancellationToken);
        if (found.Lookup != AcknowledgementLookup.Valid)
        {
            return found;
        }

        // The first acknowledgement stands, and links that expired meanwhile record nothing (the domain's rules).
        var update = await notices.UpdateAsync(
            found.Notice!.IncidentId, found.Notice.NoticeId, n => n.Acknowledge(name, comment, clientAddress, time.GetUtcNow()), cancellationToken);
        switch (update)
        {
            case null:
                return new(AcknowledgementLookup.Unknown, null);
            case { Transition.Outcome: NoticeOutcome.Refused }:
                return new(AcknowledgementLookup.Expired, update.Row);
            case { Transition.Outcome: NoticeOutcome.Unchanged }:
                // Applied again (it is idempotent): a crash after the notice's write may have kept it from the matter.
                await ApplyAsync(update.Row, cancellationToken);
                return found with { Notice = update.Row };
        }

        metrics.NoticeAcknowledged();
        logger.NoticeAcknowledged(update.Row.IncidentId, update.Row.NoticeId);
        await ApplyAsync(update.Row, cancellationToken);
        return found with { Notice = update.Row, RecordedNow = true };
    }

    private async Task ApplyAsync(NoticeRecord record, CancellationToken cancellationToken)
    {
        if (sources.Owning(record.IncidentId) is { } source)
        {
            await source.AcknowledgedAsync(record, cancellationToken);
        }
    }
}
