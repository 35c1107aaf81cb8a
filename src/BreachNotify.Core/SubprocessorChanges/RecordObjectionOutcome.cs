namespace BreachNotify.SubprocessorChanges;

public sealed record RecordObjectionOutcome(string CustomerId, ObjectionOutcome Outcome, string CommanderId, string? Comment) : SubprocessorChangeMessage;
