namespace BreachNotify.SubprocessorChanges;

/// <summary>Records consent for every customer whose window has closed without an objection or an acknowledgement.</summary>
public sealed record CloseObjectionWindows : SubprocessorChangeMessage;
