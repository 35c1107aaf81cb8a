using BreachNotify.Incidents;
using BreachNotify.Notices;

namespace BreachNotify.Application.Incidents;

/// <summary>
/// Builds the incident's read model from its state, history, one page of its notice records and dead letters. The
/// counts are read from the notices' count rows (a row per 100 notices, <see cref="NoticeStore.CountByFlagsAsync"/>),
/// or for an incident sent before those existed by streaming every notice's status columns; the notices themselves
/// (and their timeline entries) are one page, so an incident of 100,000 notices is read without holding its rows.
/// </summary>
public sealed class IncidentReader(IncidentStore incidents, NoticeStore notices, DeadLetterStore deadLetters, IncidentRegister register)
{
    /// <summary>The most notices one read returns (<c>noticeLimit</c> defaults to it).</summary>
    public const int MaxNoticeLimit = NoticePageRequest.MaxLimit;

    public Task<IncidentView?> ReadAsync(string incidentId, CancellationToken cancellationToken = default) =>
        ReadAsync(incidentId, null, MaxNoticeLimit, cancellationToken);

    public async Task<IncidentView?> ReadAsync(string incidentId, string? noticesAfter, int noticeLimit, CancellationToken cancellationToken = default)
    {
        var stored = await incidents.LoadAsync(incidentId, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var state = stored.State;
        // A register row a crash left behind is written again by whoever looks at the incident.
        await register.RepairAsync(state, cancellationToken);
        var history = await incidents.HistoryAsync(stored, cancellationToken);
        var (records, next) = await notices.PageAsync(incidentId, noticesAfter, noticeLimit, cancellationToken);
        // When the page holds every notice, its counts are those rows' own: read apart, a notice sent between the two
        // reads would be counted sent and listed sending on the same page.
        var counts = noticesAfter is null && next is null ? NoticeCounting.Of(records) : await NoticeCountsAsync(incidentId, cancellationToken);
        var letters = await deadLetters.ListAsync(incidentId, cancellationToken);

        var timeline = history.Select(e => new TimelineEntry(e.At, e.Kind, e.Actor, e.Describe())).ToList();
        foreach (var r in records)
        {
            if (r.SentAt is { } sent)
            {
                timeline.Add(new TimelineEntry(sent, "noticeSent", "system", $"notice {r.NoticeId} to {r.PartyId}"));
            }

            if (r.DeliveredAt is { } delivered)
            {
                timeline.Add(new TimelineEntry(delivered, "noticeDelivered", "sendgrid", $"notice {r.NoticeId} to {r.PartyId}"));
            }

            if (r.BouncedAt is { } bounced)
            {
                var what = r.LastError?.StartsWith("dropped", StringComparison.Ordinal) == true ? "dropped" : "bounced";
                timeline.Add(new TimelineEntry(bounced, "noticeBounced", "sendgrid", $"notice {r.NoticeId} to {r.PartyId}: {what}"));
            }

            if (r.AcknowledgedAt is { } acked)
            {
                timeline.Add(new TimelineEntry(acked, "noticeAcknowledged", $"recipient:{r.PartyId}", $"notice {r.NoticeId}"));
            }
        }

        timeline.AddRange(letters.Select(l => new TimelineEntry(l.DeadLetteredAt, "deadLettered", "system", $"message {l.MessageId}: {l.Error}")));
        var c = state.Classification;
        return new IncidentView(
            state.Id,
            state.Status.ToString(),
            state.AwareAt,
            state.Title,
            IncidentDetections.From(history),
            c is null ? null : new ClassificationView(
                c.IsPersonalDataBreach, c.Verdict.ToString(), [.. c.BreachTypes.Select(b => b.ToString().ToLowerInvariant())], c.Confidence.ToString(),
                c.Rationale, c.Assets, c.DataCategories, c.ApproxRecords),
            new AffectedView(c?.AffectedCustomers ?? [], c?.AffectedSubprocessors ?? []),
            state.DueTimes,
            state.StatutoryClocks,
            [.. records.Select(View)],
            counts,
            [.. timeline.OrderBy(t => t.At)],
            [.. letters.Select(l => new DeadLetterView(l.MessageId, l.Error, l.DequeueCount, l.DeadLetteredAt))],
            state.PendingChanges,
            state.Phases,
            state.FinalReport,
            next);
    }

    /// <summary>The incidents aware in [from, to) with that status, from the register's month partitions (see <see cref="IncidentRegister"/>).</summary>
    public async Task<IReadOnlyList<IncidentSummary>> ListAsync(string? status, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        var summaries = await register.ListAsync(from, to, cancellationToken);
        return [.. summaries
            .Where(s => status is null || string.Equals(s.Status, status, StringComparison.OrdinalIgnoreCase))
            // Pending updates first (the parties told before wait on them), then those awaiting a first decision.
            .OrderBy(s => s.Status switch { nameof(IncidentStatus.UpdatePending) => 0, nameof(IncidentStatus.AwaitingDecision) => 1, _ => 2 })
            .ThenBy(s => (s.Status == nameof(IncidentStatus.UpdatePending) ? s.UpdateDueAt : s.EarliestDueAt) ?? DateTimeOffset.MaxValue)];
    }

    /// <summary>The notices' counts alone (the console's queue shows them for each approved incident).</summary>
    public Task<NoticeCounts> NoticeCountsAsync(string incidentId, CancellationToken cancellationToken = default) =>
        NoticeCounting.ReadAsync(notices, incidentId, cancellationToken);

    private static NoticeView View(NoticeRecord r) => new(
        r.NoticeId, r.PartyId, new NoticeContactView(r.ContactName, r.Email, r.Locale), NoticeRecord.ChannelName(r.ChannelKind), r.Status, r.DueAt,
        r.SentAt, r.DeliveredAt, r.AcknowledgedAt, r.AcknowledgedBy, r.Attempts, r.ReminderCount, r.LastError, r.Sequence, r.NoticeKind, r.RefersTo);
}
