namespace BreachNotify.Application.SubprocessorChanges;

public sealed record ConsentView(string CustomerId, string Basis, DateTimeOffset At);
