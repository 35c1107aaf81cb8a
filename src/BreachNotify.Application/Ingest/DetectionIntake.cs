using BreachNotify.Classification;
using BreachNotify.Detections;
using BreachNotify.Incidents;
using Microsoft.Extensions.Options;

namespace BreachNotify.Application.Ingest;

/// <summary>
/// Takes one parsed detection into its incident: its own (same source and source id: a resend or an update), the one it
/// joined earlier, or, for a new detection, the incident that saw one of its assets within the correlation window;
/// otherwise a new incident. Written before the caller answers 202.
/// </summary>
public sealed class DetectionIntake(IncidentWorkflow workflow, IncidentStore incidents, CorrelationIndex correlation, AssetResolver assets, TimeProvider time, IOptions<IngestOptions> options)
{
    /// <summary>A flood of alerts on one asset opens further incidents rather than growing one without bound.</summary>
    public const int MaxDetectionsPerIncident = IncidentDecider.MaxDetectionsPerIncident;

    public async Task<IngestAccepted> TakeAsync(NormalizedDetection detection, CancellationToken cancellationToken)
    {
        var ownId = IncidentId.For(detection.Source, detection.SourceId);
        var detectionId = $"{detection.Source}/{detection.SourceId}";
        var window = TimeSpan.FromMinutes(options.Value.CorrelationWindowMinutes);
        if (window <= TimeSpan.Zero)
        {
            return await IntoAsync(ownId, detection, detectionId, assumeNew: true, cancellationToken);
        }

        if (await correlation.AliasOfAsync(ownId, cancellationToken) is { } joined)
        {
            // A full incident never took this detection (its join was refused): it lives in its own incident.
            return await JoinAsync(joined, detection, detectionId, cancellationToken)
                ?? await IntoAsync(ownId, detection, detectionId, assumeNew: false, cancellationToken);
        }

        var assetIds = detection.AssetRefs.Select(assets.Resolve).OfType<(BreachNotify.Parties.DataAsset Asset, string How)>()
            .Select(r => r.Asset.Id).Distinct().ToList();
        var related = assetIds.Count > 0 ? await correlation.FindAsync(assetIds, time.GetUtcNow() - window, cancellationToken) : null;
        if (related is not null && related != ownId)
        {
            // A resend of a detection that opened its own incident stays there, whatever came on its assets since.
            if (await incidents.LoadAsync(ownId, cancellationToken) is not null)
            {
                return await IntoAsync(ownId, detection, detectionId, assumeNew: false, cancellationToken);
            }

            if ((await incidents.LoadAsync(related, cancellationToken))?.State.Detections.Count < MaxDetectionsPerIncident)
            {
                // The count read above may be stale: the workflow refuses a join into a full incident, and the
                // detection then opens its own incident below.
                var target = await correlation.AliasAsync(ownId, related, cancellationToken);
                if (await JoinAsync(target, detection, detectionId, cancellationToken) is { } joinedNow)
                {
                    return joinedNow;
                }
            }
        }

        // Nothing related: try to create the incident without reading first; a known one answers the create with a
        // conflict, is read, and takes the detection as a resend or an update.
        var accepted = await IntoAsync(ownId, detection, detectionId, assumeNew: related is null, cancellationToken);
        if (!accepted.Duplicate)
        {
            await correlation.AddAsync(ownId, assetIds, time.GetUtcNow(), cancellationToken);
        }

        return accepted;
    }

    /// <summary>Into another detection's incident, or null when that incident is full.</summary>
    private async Task<IngestAccepted?> JoinAsync(string incidentId, NormalizedDetection detection, string detectionId, CancellationToken cancellationToken)
    {
        var (step, _) = await workflow.HandleAsync(incidentId, new DetectionArrived(detection), cancellationToken);
        if (step.Refusal is not null)
        {
            return null;
        }

        var updated = step.Events.Any(e => e is DetectionUpdated);
        return new IngestAccepted(incidentId, detectionId, step.IsNothing || updated, updated);
    }

    private async Task<IngestAccepted> IntoAsync(string incidentId, NormalizedDetection detection, string detectionId, bool assumeNew, CancellationToken cancellationToken)
    {
        var (step, _) = await workflow.HandleAsync(incidentId, new DetectionArrived(detection), cancellationToken, assumeNew);
        var updated = step.Events.Any(e => e is DetectionUpdated);
        return new IngestAccepted(incidentId, detectionId, step.IsNothing || updated, updated);
    }
}
