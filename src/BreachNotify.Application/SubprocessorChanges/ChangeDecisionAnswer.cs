namespace BreachNotify.Application.SubprocessorChanges;

public sealed record ChangeDecisionAnswer(string Id, string Status, bool Changed);
