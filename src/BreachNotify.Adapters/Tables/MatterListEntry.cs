namespace BreachNotify.Adapters.Tables;

/// <summary>What the list shows of one matter: its kind, state and customers' ids; no subject data, no summary.</summary>
public sealed record MatterListEntry(
    string Id, string Kind, string Status, IReadOnlyList<string> Customers, DateTimeOffset ReceivedAt, DateTimeOffset RecordedAt,
    DateTimeOffset? DueAt, bool Prohibited);
