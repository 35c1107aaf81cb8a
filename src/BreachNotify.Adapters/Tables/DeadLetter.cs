namespace BreachNotify.Adapters.Tables;

public sealed record DeadLetter(string MessageId, string? IncidentId, string Body, int DequeueCount, string Error, DateTimeOffset DeadLetteredAt);
