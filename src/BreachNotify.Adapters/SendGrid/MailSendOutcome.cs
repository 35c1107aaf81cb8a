namespace BreachNotify.Adapters.SendGrid;

/// <summary>
/// What the provider said. Not accepted and retryable (429, 5xx, timeout): nothing was taken, try later.
/// Not accepted and not retryable (400, 401, 403): the request itself is wrong; the notice fails and commanders hear.
/// </summary>
public sealed record MailSendOutcome(bool Accepted, bool Retryable, string? Error, TimeSpan? RetryAfter = null)
{
    /// <summary>
    /// No answer (a timeout, a dropped connection): the provider may have taken it. Such a notice stays "sending" until its
    /// lease expires, so whoever takes it over asks the provider before sending it again.
    /// </summary>
    public bool MayHaveBeenAccepted { get; init; }

    public static MailSendOutcome Success { get; } = new(true, false, null);
}
