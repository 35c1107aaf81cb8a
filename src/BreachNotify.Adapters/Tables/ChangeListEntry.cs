using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Adapters.Tables;

/// <summary>What the list (and the public list) shows of one change: no customer data. <see cref="TookEffectAt"/> is set by the change's timer.</summary>
public sealed record ChangeListEntry(
    string Id, ChangeStatus Status, ChangeKind Kind, SubprocessorEntry Subprocessor, string? Replaces,
    DateTimeOffset EffectiveAt, DateTimeOffset AnnouncedAt, int CustomerCount, DateTimeOffset? TookEffectAt = null);
