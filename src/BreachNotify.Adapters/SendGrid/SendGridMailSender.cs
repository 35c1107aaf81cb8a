using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace BreachNotify.Adapters.SendGrid;

/// <summary>
/// Sends through the official SendGrid client over a pooled <see cref="HttpClient"/> whose resilience pipeline
/// retries 429 (honouring Retry-After), 5xx and timeouts with jitter, breaks the circuit, and bounds the total time.
/// </summary>
public sealed class SendGridMailSender(IHttpClientFactory httpClients, IOptions<SendGridOptions> options) : IMailSender, ISentMailLookup
{
    public const string HttpClientName = "SendGrid";

    /// <summary>SendGrid accepts at most 1,000 personalizations per request.</summary>
    public const int MaxRecipientsPerRequest = 1000;

    public async Task<MailSendOutcome> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        if (mail.To.Count is 0 or > MaxRecipientsPerRequest)
        {
            throw new ArgumentException($"A mail needs 1 to {MaxRecipientsPerRequest} recipients.", nameof(mail));
        }

        var o = options.Value;
        var message = new SendGridMessage
        {
            From = new EmailAddress(o.From, o.FromName),
            Subject = mail.Content.Subject,
            PlainTextContent = mail.Content.Text,
            HtmlContent = mail.Content.Html,
            Personalizations = [.. mail.To.Select(Personalize)],
        };

        try
        {
            var response = await Client().SendEmailAsync(message, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return MailSendOutcome.Success;
            }

            var status = (int)response.StatusCode;
            var retryable = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500;
            return new MailSendOutcome(false, retryable, $"SendGrid answered {status}", response.Headers.RetryAfter?.Delta);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // An open circuit sent nothing; anything else may have reached SendGrid before the answer was lost.
            return new MailSendOutcome(false, true, $"SendGrid unreachable: {e.GetType().Name}") { MayHaveBeenAccepted = e is not Polly.CircuitBreaker.BrokenCircuitException };
        }
    }

    public async Task<bool?> WasAcceptedAsync(string noticeRef, CancellationToken cancellationToken = default)
    {
        if (!options.Value.ActivityLookup)
        {
            return null;
        }

        try
        {
            // The official client has no helper for the Email Activity API; it is one authenticated GET.
            var query = Uri.EscapeDataString($"unique_args['notice_ref']=\"{noticeRef}\"");
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{options.Value.Host.TrimEnd('/')}/v3/messages?query={query}&limit=1");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.Value.ApiKey);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return body.RootElement.TryGetProperty("messages", out var messages) && messages.GetArrayLength() > 0;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            return null;
        }
    }

    private SendGridClient Client() =>
        new(httpClients.CreateClient(HttpClientName), new SendGridClientOptions { ApiKey = options.Value.ApiKey, Host = options.Value.Host.TrimEnd('/') });

    private static Personalization Personalize(MailRecipient to)
    {
        var personalization = new Personalization { Tos = [new EmailAddress(to.Email, to.Name)] };
        if (to.AckUrl is not null || to.Values is { Count: > 0 })
        {
            // What differs per recipient (its party's name and due time, its own link): substitutions of one shared rendering.
            var substitutions = new Dictionary<string, string>(to.Values ?? new Dictionary<string, string>());
            if (to.AckUrl is not null)
            {
                substitutions[BreachNotify.Notices.NoticeContent.AckUrlTag] = to.AckUrl;
            }

            personalization.Substitutions = substitutions;
        }

        if (to.NoticeRef is not null)
        {
            personalization.CustomArgs = new Dictionary<string, string> { ["notice_ref"] = to.NoticeRef, ["attempt"] = to.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        return personalization;
    }
}
