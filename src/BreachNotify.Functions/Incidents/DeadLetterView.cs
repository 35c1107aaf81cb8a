namespace BreachNotify.Functions.Incidents;

public sealed record DeadLetterView(string MessageId, string Error, int DequeueCount, DateTimeOffset DeadLetteredAt);
