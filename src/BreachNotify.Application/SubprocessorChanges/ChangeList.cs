namespace BreachNotify.Application.SubprocessorChanges;

public sealed record ChangeList(IReadOnlyList<ChangeSummary> Items);
