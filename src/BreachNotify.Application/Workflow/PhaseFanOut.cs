using BreachNotify.Incidents;
using BreachNotify.Notices;
using BreachNotify.Parties;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Application.Workflow;

/// <summary>
/// The fan-out of a breach incident's later phase (a follow-up or the closing, GDPR Art. 33(4)). It first freezes the phase's
/// recipients as its notice rows (pending, in the incident's partition, ids <c>p{phase}-n{index}</c>): every recipient told
/// before, from the earlier phases' own rows (never the live directory), each referring to its first notice, less the parties
/// already told they are no longer affected; then, for a follow-up, the newly affected parties' contacts frozen at its approval,
/// who get a first notice. Then the one engine (<see cref="NoticeFanOut"/>, <see cref="NoticeBatchSender"/>) sends them: rows that
/// exist are claimed pending -> sending under their ETag, so every exactly-once argument holds unchanged.
/// Idempotent: the rows are written in all-or-nothing chunks from a list that a re-run builds the same, and a marker row written
/// after them says the phase is frozen.
/// </summary>
public sealed class PhaseFanOut(
    IncidentStore incidents, NoticeStore notices, NoticeFanOut fanOut, TimeProvider time, IOptions<WorkflowOptions> options, ILogger<PhaseFanOut> logger)
{
    public async Task<WorkResult> RunAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var phase = item.Phase;
        if (await incidents.LoadAsync(item.IncidentId, cancellationToken) is not { State: { IsNotified: true } state }
            || phase >= state.Phases.Count || phase < 1)
        {
            return WorkResult.Done;
        }

        if (await notices.FrozenPhaseCountAsync(item.IncidentId, phase, cancellationToken) is null)
        {
            if (await FreezeAsync(state, phase, cancellationToken) is { } wait)
            {
                return wait;
            }
        }

        return await fanOut.RunAsync(item, cancellationToken);
    }

    /// <summary>Writes the phase's notice rows and its marker; a retry when an earlier phase is not all there yet.</summary>
    private async Task<WorkResult?> FreezeAsync(IncidentState state, int phase, CancellationToken cancellationToken)
    {
        var all = await notices.AllAsync(state.Id, cancellationToken);
        var byPhase = all.GroupBy(r => r.Sequence).ToDictionary(g => g.Key, g => g.OrderBy(r => NoticeId.IndexOf(r.NoticeId)).ToList());
        if (await EarlierPhaseNotReadyAsync(state, phase, byPhase, cancellationToken) is { } earlier)
        {
            logger.PhaseWaits(state.Id, phase, earlier);
            return WorkResult.Retry(TimeSpan.FromSeconds(2));
        }

        var recipients = PhaseRecipients(state, phase, byPhase);
        var batchSize = Math.Clamp(options.Value.FanOutBatchSize, 1, NoticePlan.MaxBatchSize);
        var rows = recipients.Select((r, i) =>
        {
            var row = NoticeRecord.Plan(state.Id, new PlannedNotice(NoticeId.For(i, phase), i / batchSize, r.Recipient));
            row.RefersTo = r.RefersTo;
            return row;
        }).ToList();
        // Chunks of one storage batch, each all or nothing: a chunk a crashed run wrote already is there whole (409).
        foreach (var chunk in rows.Chunk(batchSize))
        {
            await notices.TryAddAsync(chunk, cancellationToken);
        }

        await notices.MarkPhaseFrozenAsync(state.Id, phase, rows.Count, cancellationToken);
        logger.PhaseFrozen(state.Id, phase, rows.Count);
        return null;
    }

    /// <summary>
    /// The earlier phase whose rows are not all there, or null. The first notices are created as their send items run: they are
    /// all there once the approval's count exists (or, if the directory lost a contact meanwhile, once the time to give up a send
    /// has passed since the approval); a later phase once its marker is written.
    /// </summary>
    private async Task<int?> EarlierPhaseNotReadyAsync(IncidentState state, int phase, Dictionary<int, List<NoticeRecord>> byPhase, CancellationToken cancellationToken)
    {
        var first = state.Phases[0];
        var created = byPhase.GetValueOrDefault(0)?.Count ?? 0;
        if (created < (first.NoticeCount ?? 0) && time.GetUtcNow() - first.ApprovedAt < TimeSpan.FromMinutes(options.Value.SendGiveUpMinutes))
        {
            return 0;
        }

        for (var earlier = 1; earlier < phase; earlier++)
        {
            if (await notices.FrozenPhaseCountAsync(state.Id, earlier, cancellationToken) is null)
            {
                return earlier;
            }
        }

        return null;
    }

    /// <summary>
    /// Who phase <paramref name="phase"/> addresses, in a fixed order: the recipients told before in the order they were first
    /// told (phase, then position), then the newly affected. Built from stored rows and the approval's frozen list only, so a
    /// re-run builds the same list.
    /// </summary>
    private static List<(Recipient Recipient, string? RefersTo)> PhaseRecipients(IncidentState state, int phase, Dictionary<int, List<NoticeRecord>> byPhase)
    {
        var current = state.Phases[phase];
        var kind = current.Kind == PhaseKind.Closing ? PhaseKind.Closing : PhaseKind.FollowUp;
        var newlyAffected = current.NewRecipients ?? [];
        var newKeys = newlyAffected.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var noLongerNow = Parties(current.Changes, PartyChangeKind.NoLongerAffected);
        var toldGone = ToldNoLongerAffected(state, phase);

        var list = new List<(Recipient, string?)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var earlier = 0; earlier < phase; earlier++)
        {
            foreach (var row in byPhase.GetValueOrDefault(earlier) ?? [])
            {
                var recipient = row.Recipient;
                var party = (recipient.Kind, recipient.PartyId);
                // A later phase's follow-up to someone told before is not a first notice: the first one is what it refers to.
                if (row.NoticeKind != "initial" || toldGone.Contains(party) || newKeys.Contains(recipient.Key) || !seen.Add(recipient.Key))
                {
                    continue;
                }

                var notice = new PhaseNotice(phase, kind, earlier, kind == PhaseKind.FollowUp && noLongerNow.Contains(party));
                list.Add((recipient with { Notice = notice }, row.NoticeId));
            }
        }

        list.AddRange(newlyAffected.Select(r => (r with { Notice = new PhaseNotice(phase, PhaseKind.Initial, phase) }, (string?)null)));
        return list;
    }

    /// <summary>The parties an earlier follow-up told they are no longer affected (and that no later one made affected again).</summary>
    private static HashSet<(PartyKind, string)> ToldNoLongerAffected(IncidentState state, int phase)
    {
        var gone = new HashSet<(PartyKind, string)>();
        foreach (var earlier in state.Phases.Where(p => p.Sequence > 0 && p.Sequence < phase).OrderBy(p => p.Sequence))
        {
            gone.UnionWith(Parties(earlier.Changes, PartyChangeKind.NoLongerAffected));
            gone.ExceptWith(Parties(earlier.Changes, PartyChangeKind.NewlyAffected));
        }

        return gone;
    }

    private static HashSet<(PartyKind, string)> Parties(IncidentChanges? changes, PartyChangeKind change) =>
        [.. (changes?.Parties ?? []).Where(p => p.Change == change).Select(p => (p.Kind, p.PartyId))];
}
