namespace BreachNotify.Application.OtherNotices;

/// <summary>The answer to a decision or a waiver effort: the status now, whether the notices are due, and whether this request changed anything.</summary>
public sealed record MatterDecisionAnswer(string Id, string Status, bool Sending, bool Changed);
