namespace BreachNotify.SubprocessorChanges;

public sealed record AnnounceChange(SubprocessorChange Change, string CommanderId) : SubprocessorChangeMessage;
