namespace BreachNotify.SubprocessorChanges;

/// <summary>A sub-processor as the public list and the notices describe it.</summary>
public sealed record SubprocessorEntry(string Id, string Name, string? Entity = null, string? Purpose = null, string? Location = null);
