using System.ComponentModel.DataAnnotations;

namespace BreachNotify.Application.OtherNotices;

/// <summary>
/// <c>SubjectLookup:*</c>: the deployment's own lookup of a data subject's customers (optional; without <see cref="Url"/> a
/// subject is found by its email domain only). It is POSTed <c>{ "subjectIdentifier" }</c>, signed as our webhooks are
/// (HMAC-SHA256 of <c>"{timestamp}.{body}"</c> with <see cref="Secret"/>), and answers <c>{ "customers": [ids] }</c>.
/// </summary>
public sealed class SubjectLookupOptions : IValidatableObject
{
    public const string Section = "SubjectLookup";
    public const int MinSecretLength = 16;

    public string? Url { get; set; }

    public string? Secret { get; set; }

    /// <summary>How long a commander's request waits for the lookup before it answers 503 (nothing stored).</summary>
    [SettingRange(1, 60, ErrorMessage = "must be between 1 and 60")]
    public int TimeoutSeconds { get; set; } = 10;

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            // The request carries a subject's identifier: https, or plain http to this machine only.
            yield return new ValidationResult("must be an https URL (http only to a loopback address)", [nameof(Url)]);
        }

        if (string.IsNullOrWhiteSpace(Secret) || Secret.Length < MinSecretLength)
        {
            yield return new ValidationResult($"required with SubjectLookup:Url, at least {MinSecretLength} characters", [nameof(Secret)]);
        }
    }
}
