using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BreachNotify.OtherNotices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Application.OtherNotices;

/// <summary>
/// Asks the deployment's subject lookup (<see cref="SubjectLookupOptions"/>) which customers hold a data-subject request's
/// subject, before the matter is recorded: only for a data-subject request that names no customers and is otherwise valid.
/// A failure is the commander's answer (502/503, nothing stored), never a silent fall-back to the domain match alone, which
/// could leave out a customer holding the subject. The identifier is sent, never logged.
/// </summary>
public sealed class SubjectLookup(IHttpClientFactory httpClients, IOptions<SubjectLookupOptions> options, TimeProvider time, ILogger<SubjectLookup> logger)
{
    public const string HttpClientName = "SubjectLookup";
    public const int MaxCustomers = 1000;

    public async Task<SubjectLookupAnswer> CustomersOfAsync(OtherMatter matter, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.Enabled || matter is not { Kind: OtherNoticeKind.DataSubjectRequest, Customers.Count: 0, SubjectIdentifier: { } subject }
            || MatterDecider.Invalid(matter, time.GetUtcNow()) is not null)
        {
            return SubjectLookupAnswer.NotAsked;
        }

        var body = JsonSerializer.Serialize(new { subjectIdentifier = subject });
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSender.SignatureHeader, WebhookSender.Sign(settings.Secret!, timestamp, body));
        request.Headers.Add(WebhookSender.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.SubjectLookupFailed((int)response.StatusCode);
                return new(null, 502, $"the subject lookup answered {(int)response.StatusCode}");
            }

            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
            if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("customers", out var ids) || ids.ValueKind != JsonValueKind.Array
                || ids.GetArrayLength() > MaxCustomers || ids.EnumerateArray().Any(id => id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 and <= 200 }))
            {
                logger.SubjectLookupFailed((int)response.StatusCode);
                return new(null, 502, $"the subject lookup's answer is not {{ \"customers\": [ids] }} (at most {MaxCustomers} ids)");
            }

            var customers = ids.EnumerateArray().Select(id => id.GetString()!).Distinct(StringComparer.Ordinal).ToList();
            logger.SubjectLookupAnswered(customers.Count);
            return new(customers);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.SubjectLookupUnreachable("timed out");
            return new(null, 503, $"the subject lookup did not answer within {settings.TimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            logger.SubjectLookupUnreachable(e.HttpRequestError.ToString());
            return new(null, 503, "the subject lookup could not be reached");
        }
        catch (JsonException)
        {
            logger.SubjectLookupFailed(200);
            return new(null, 502, "the subject lookup's answer is not JSON");
        }
    }
}
