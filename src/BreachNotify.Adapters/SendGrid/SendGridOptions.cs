using System.ComponentModel.DataAnnotations;

namespace BreachNotify.Adapters.SendGrid;

/// <summary><c>SendGrid:*</c>: the API key, the host (a local capture in tests and the demo), the sender, and the resilience limits.</summary>
public sealed class SendGridOptions : IValidatableObject
{
    public const string Section = "SendGrid";

    [Required(ErrorMessage = "required")]
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
    [SettingRange(1, SendGridMailSender.MaxRecipientsPerRequest, ErrorMessage = "must be between {1} and {2}")]
    public int MaxRecipientsPerRequest { get; set; } = SendGridMailSender.MaxRecipientsPerRequest;

    /// <summary>The largest request body sent (estimated before sending): SendGrid refuses more than 20 MB; this stays well below.</summary>
    [SettingRange(10_000d, 19_000_000d, ErrorMessage = "must be between 10000 and 19000000 (SendGrid refuses more than 20 MB)")]
    public long MaxRequestBytes { get; set; } = 10_000_000;

    /// <summary>How long every send of this process waits after a 429 that names no time (no Retry-After, no X-RateLimit-Reset).</summary>
    [SettingRange(0d, 600d, MinimumIsExclusive = true, ErrorMessage = "must be above 0 and at most 600")]
    public double RateLimitDefaultWaitSeconds { get; set; } = 1;

    [SettingRange(0, 10, ErrorMessage = "must be between 0 and 10")]
    public int MaxRetries { get; set; } = 5;

    [SettingRange(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "must be positive")]
    public double RetryBaseDelaySeconds { get; set; } = 1;

    [SettingRange(0d, double.MaxValue, MinimumIsExclusive = true, ErrorMessage = "must be positive")]
    public double AttemptTimeoutSeconds { get; set; } = 15;

    /// <summary>The bounded total time for one send, retries included; past it the notice is marked failed.</summary>
    public double TotalTimeoutSeconds { get; set; } = 45;

    /// <summary>How long the circuit stays open after the provider failed most of the last 30 s of requests.</summary>
    public double CircuitBreakSeconds { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Host, UriKind.Absolute, out var host) || (host.Scheme != Uri.UriSchemeHttps && host.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult($"'{Host}' is not an http(s) URL", [nameof(Host)]);
        }

        if (string.IsNullOrWhiteSpace(From) || !System.Net.Mail.MailAddress.TryCreate(From, out _))
        {
            yield return new ValidationResult("required, an email address", [nameof(From)]);
        }

        if (!string.IsNullOrWhiteSpace(EventWebhookPublicKey) && EventWebhookSignature.KeyProblem(EventWebhookPublicKey) is { } keyProblem)
        {
            yield return new ValidationResult(keyProblem, [nameof(EventWebhookPublicKey)]);
        }

        if (TotalTimeoutSeconds < AttemptTimeoutSeconds)
        {
            yield return new ValidationResult($"must be at least SendGrid:AttemptTimeoutSeconds ({TotalTimeoutSeconds} < {AttemptTimeoutSeconds})", [nameof(TotalTimeoutSeconds)]);
        }
    }
}
