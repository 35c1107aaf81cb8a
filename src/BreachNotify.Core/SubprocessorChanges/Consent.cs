namespace BreachNotify.SubprocessorChanges;

/// <summary>A customer's consent to a change and what it rests on.</summary>
public sealed record Consent(string CustomerId, ConsentBasis Basis, DateTimeOffset At);
