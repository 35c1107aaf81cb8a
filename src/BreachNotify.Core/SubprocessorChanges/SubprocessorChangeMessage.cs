namespace BreachNotify.SubprocessorChanges;

/// <summary>What reaches a change's decision function: a commander's command, a customer's answer, or the closing of windows.</summary>
public abstract record SubprocessorChangeMessage;
