namespace BreachNotify.Functions.Delivery;

/// <summary><c>SendGrid:*</c>: the API key, the host (a local capture in tests and the demo), the sender, and the resilience limits.</summary>
public sealed class SendGridOptions
{
    public string? ApiKey { get; set; }

    public string Host { get; set; } = "https://api.sendgrid.com";

    public string? From { get; set; }

    public string FromName { get; set; } = "BreachNotify";

    /// <summary>Whether SendGrid's Email Activity API may be asked if a notice was accepted before resending it after a crash.</summary>
    public bool ActivityLookup { get; set; }

    /// <summary>
    /// The Signed Event Webhook's verification key as SendGrid shows it (base64 SubjectPublicKeyInfo, ECDSA P-256).
    /// Optional: without it <c>POST /api/delivery/sendgrid</c> answers 503 and no delivery event is taken.
    /// </summary>
    public string? EventWebhookPublicKey { get; set; }

    /// <summary>Personalizations per request: SendGrid takes at most 1,000.</summary>
    public int MaxRecipientsPerRequest { get; set; } = SendGridMailSender.MaxRecipientsPerRequest;

    /// <summary>The largest request body sent (estimated before sending): SendGrid refuses more than 20 MB; this stays well below.</summary>
    public long MaxRequestBytes { get; set; } = 10_000_000;

    /// <summary>How long every send of this process waits after a 429 that names no time (no Retry-After, no X-RateLimit-Reset).</summary>
    public double RateLimitDefaultWaitSeconds { get; set; } = 1;

    public int MaxRetries { get; set; } = 5;

    public double RetryBaseDelaySeconds { get; set; } = 1;

    public double AttemptTimeoutSeconds { get; set; } = 15;

    /// <summary>The bounded total time for one send, retries included; past it the notice is marked failed.</summary>
    public double TotalTimeoutSeconds { get; set; } = 45;

    /// <summary>How long the circuit stays open after the provider failed most of the last 30 s of requests.</summary>
    public double CircuitBreakSeconds { get; set; } = 5;

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return "SendGrid:ApiKey: required";
        }

        if (!Uri.TryCreate(Host, UriKind.Absolute, out var host) || (host.Scheme != Uri.UriSchemeHttps && host.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"SendGrid:Host: '{Host}' is not an http(s) URL";
        }

        if (string.IsNullOrWhiteSpace(From) || !System.Net.Mail.MailAddress.TryCreate(From, out _))
        {
            yield return "SendGrid:From: required, an email address";
        }

        if (!string.IsNullOrWhiteSpace(EventWebhookPublicKey) && EventWebhookSignature.KeyProblem(EventWebhookPublicKey) is { } keyProblem)
        {
            yield return $"SendGrid:EventWebhookPublicKey: {keyProblem}";
        }

        if (MaxRecipientsPerRequest is < 1 or > SendGridMailSender.MaxRecipientsPerRequest)
        {
            yield return $"SendGrid:MaxRecipientsPerRequest: must be between 1 and {SendGridMailSender.MaxRecipientsPerRequest}";
        }

        if (MaxRequestBytes is < 10_000 or > 19_000_000)
        {
            yield return "SendGrid:MaxRequestBytes: must be between 10000 and 19000000 (SendGrid refuses more than 20 MB)";
        }

        if (RateLimitDefaultWaitSeconds is <= 0 or > 600)
        {
            yield return "SendGrid:RateLimitDefaultWaitSeconds: must be above 0 and at most 600";
        }

        if (MaxRetries is < 0 or > 10 || RetryBaseDelaySeconds <= 0 || AttemptTimeoutSeconds <= 0 || TotalTimeoutSeconds < AttemptTimeoutSeconds)
        {
            yield return "SendGrid:MaxRetries (0-10), RetryBaseDelaySeconds, AttemptTimeoutSeconds and TotalTimeoutSeconds (>= attempt timeout): out of range";
        }
    }
}
