namespace BreachNotify.Functions.SubprocessorChanges;

public sealed record ChangeList(IReadOnlyList<ChangeSummary> Items);
