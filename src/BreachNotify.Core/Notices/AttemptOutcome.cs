namespace BreachNotify.Notices;

/// <summary>
/// What the provider (SendGrid, a customer's webhook) said to one send of a notice: taken; maybe taken (no answer: it
/// may have got through); not taken but worth another try; or not taken for good.
/// </summary>
public sealed record AttemptOutcome(bool Accepted, bool MayHaveBeenAccepted, bool Retryable, string? Error);
