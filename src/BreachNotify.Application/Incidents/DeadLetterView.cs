namespace BreachNotify.Application.Incidents;

public sealed record DeadLetterView(string MessageId, string Error, int DequeueCount, DateTimeOffset DeadLetteredAt);
