namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>A sub-processor on the public list; <see cref="Since"/> is when an approved change added it (null: from the directory).</summary>
public sealed record PublicSubprocessor(string Id, string Name, string? Entity, string? Purpose, string? Location, DateTimeOffset? Since);
