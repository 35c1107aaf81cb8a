namespace BreachNotify.Adapters.Tables;

/// <summary>An outbox row past its redispatch time, with the index row that led the sweep to it.</summary>
public sealed record OverdueOutboxEntry(OutboxEntry Entry, PendingWorkRow Index);
