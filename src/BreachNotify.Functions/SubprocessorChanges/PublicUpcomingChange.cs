using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>An approved change not yet in effect, as the public list shows it.</summary>
public sealed record PublicUpcomingChange(string Kind, SubprocessorEntry Subprocessor, string? Replaces, DateTimeOffset EffectiveAt);
