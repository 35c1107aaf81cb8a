using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace BreachNotify.Adapters.Webhooks;

/// <summary>One notice for a customer's webhook: what is POSTed, where, and with which configured secret.</summary>
public sealed record WebhookNotice(
    string Url,
    string SecretName,
    string IncidentId,
    string NoticeId,
    string Processor,
    string PartyId,
    DateTimeOffset DueAt,
    string Subject,
    string Text,
    string AckUrl);

/// <summary>Delivers a notice to a customer's webhook; the outcome reads like a mail provider's.</summary>
public interface IWebhookSender
{
    Task<MailSendOutcome> SendAsync(WebhookNotice notice, CancellationToken cancellationToken = default);
}

/// <summary>
/// POSTs the notice as JSON over the "Webhooks" <see cref="HttpClient"/> (its resilience pipeline retries 429, 5xx
/// and timeouts with jitter, honouring Retry-After, within a bounded total time). Signed like the ingest side:
/// <c>X-BreachNotify-Signature: sha256=HEX</c>, the HMAC-SHA256 of <c>"{timestamp}.{body}"</c> with the customer's
/// secret, <c>X-BreachNotify-Timestamp</c> in Unix seconds; <c>Idempotency-Key: {incidentId}/{noticeId}</c> lets the
/// receiver drop a resend (after a timeout or a takeover) of what it already has.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory httpClients, IConfiguration configuration, TimeProvider time) : IWebhookSender
{
    public const string HttpClientName = "Webhooks";
    public const string SignatureHeader = "X-BreachNotify-Signature";
    public const string TimestampHeader = "X-BreachNotify-Timestamp";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string SecretKey(string secretName) => $"Webhooks:{secretName}:Secret";

    public static string Sign(string secret, long timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}")));

    public async Task<MailSendOutcome> SendAsync(WebhookNotice notice, CancellationToken cancellationToken = default)
    {
        var secret = configuration[SecretKey(notice.SecretName)];
        if (string.IsNullOrEmpty(secret))
        {
            return new MailSendOutcome(false, false, $"{SecretKey(notice.SecretName)} is not configured");
        }

        var body = JsonSerializer.Serialize(
            new
            {
                incidentId = notice.IncidentId,
                noticeId = notice.NoticeId,
                processor = notice.Processor,
                partyId = notice.PartyId,
                dueAt = notice.DueAt,
                subject = notice.Subject,
                text = notice.Text,
                ackUrl = notice.AckUrl,
            },
            Json);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();

        try
        {
            // The pipeline resends this one request message; the content and headers are the same each time.
            using var request = new HttpRequestMessage(HttpMethod.Post, notice.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(SignatureHeader, Sign(secret, timestamp, body));
            request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(IdempotencyKeyHeader, $"{notice.IncidentId}/{notice.NoticeId}");
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return MailSendOutcome.Success;
            }

            var status = (int)response.StatusCode;
            var retryable = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500;
            return new MailSendOutcome(false, retryable, $"Webhook answered {status}", response.Headers.RetryAfter?.Delta);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException e)
        {
            // This host's circuit is open: nothing left the process, so nothing can have been taken; the notice waits as after a 5xx.
            return new MailSendOutcome(false, true, $"Webhook unreachable: {e.GetType().Name}");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The receiver may have taken it before the answer was lost; the Idempotency-Key makes the resend safe.
            return new MailSendOutcome(false, true, $"Webhook unreachable: {e.GetType().Name}") { MayHaveBeenAccepted = true };
        }
    }
}
