namespace BreachNotify.SubprocessorChanges;

public sealed record DecideChange(ChangeDecisionKind Decision, string CommanderId, string? Comment) : SubprocessorChangeMessage;
