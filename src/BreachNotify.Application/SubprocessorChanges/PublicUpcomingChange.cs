using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>An approved change not yet in effect, as the public list shows it (the kind in JSON as <c>add</c>, <c>replace</c>, <c>remove</c>).</summary>
public sealed record PublicUpcomingChange(ChangeKind Kind, SubprocessorEntry Subprocessor, string? Replaces, DateTimeOffset EffectiveAt);
