namespace BreachNotify.Adapters.Tables;

/// <summary>Work the sweep must find if nothing completes it in time: an outbox row, or an incident's unfiled creation.</summary>
/// <param name="TargetKey">The row key of what is pending, in the incident's partition (an outbox row, or the state row).</param>
public sealed record PendingWork(string IncidentId, string TargetKey, DateTimeOffset DueAt)
{
    public static PendingWork Of(OutboxEntry entry) => new(entry.IncidentId, entry.RowKey, entry.RedispatchAt);
}
