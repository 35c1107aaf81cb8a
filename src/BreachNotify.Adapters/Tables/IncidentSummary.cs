using BreachNotify.Incidents;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// One line of <c>GET /api/incidents</c> (and of the breach register). <see cref="UpdateDueAt"/>: while an update is
/// pending, the earliest due time of the parties it newly affects (null if it affects nobody new).
/// </summary>
public sealed record IncidentSummary(
    string Id, string Status, string? Verdict, DateTimeOffset AwareAt, string Title, DateTimeOffset? EarliestDueAt, int Customers, int Subprocessors, int Recipients,
    IReadOnlyList<BreachNotify.Incidents.IncidentPhase>? Phases = null, DateTimeOffset? UpdateDueAt = null)
{
    public static IncidentSummary Of(IncidentState s) => new(
        s.Id, s.Status.ToString(), s.Classification?.Verdict.ToString(), s.AwareAt, s.Title, s.EarliestDueAt,
        s.Classification?.AffectedCustomers.Count ?? 0, s.Classification?.AffectedSubprocessors.Count ?? 0, s.RecipientCount, s.Phases, UpdateDueAtOf(s));

    private static DateTimeOffset? UpdateDueAtOf(IncidentState s)
    {
        var added = s.PendingChanges?.Parties.Where(p => p.Change == PartyChangeKind.NewlyAffected).Select(p => p.PartyId).ToHashSet(StringComparer.Ordinal);
        return added is null ? null : s.DueTimes.Where(d => added.Contains(d.RecipientId)).Select(d => (DateTimeOffset?)d.DueAt).Min();
    }
}
