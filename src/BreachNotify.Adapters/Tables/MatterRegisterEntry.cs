namespace BreachNotify.Adapters.Tables;

/// <summary>One line of a customer's register of matters: what the processor owed it, when it was due, and its answer.</summary>
public sealed record MatterRegisterEntry(
    string CustomerId, string Id, string Kind, string Status, DateTimeOffset ReceivedAt, DateTimeOffset DueAt, bool Prohibited, bool Sending,
    string? Answer, DateTimeOffset? AnsweredAt);
