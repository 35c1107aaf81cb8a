namespace BreachNotify.Functions.CommanderConsole;

/// <summary>One notice's moments as the progress chart plots them.</summary>
public sealed record NoticeTimes(DateTimeOffset? SentAt, DateTimeOffset? DeliveredAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset DueAt);
