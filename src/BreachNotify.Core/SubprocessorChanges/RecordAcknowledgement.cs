namespace BreachNotify.SubprocessorChanges;

public sealed record RecordAcknowledgement(string CustomerId, string By) : SubprocessorChangeMessage;
