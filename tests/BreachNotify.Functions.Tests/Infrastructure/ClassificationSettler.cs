using System.Net;
using System.Text.Json;
using BreachNotify.Incidents;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>
/// Ingest answers 202 once a detection is recorded; the worker classifies it a moment later. Tests that go on to read
/// the classification or approve hold each 202 here until the incidents it names have no classification timer left
/// in their outbox, neither as a row (the worker completes it after classifying) nor still on the state row of a new
/// incident (<see cref="UnfiledStep"/>).
/// </summary>
public sealed class ClassificationSettler(IncidentStore incidents, OutboxStore outbox) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath == "/api/detections" && response.StatusCode == HttpStatusCode.Accepted)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;
            var accepted = answer.ValueKind == JsonValueKind.Array ? [.. answer.EnumerateArray()] : new[] { answer };
            foreach (var incidentId in accepted.Select(a => a.GetProperty("incidentId").GetString()!).Distinct())
            {
                await WaitAsync(incidents, outbox, incidentId, cancellationToken);
            }
        }

        return response;
    }

    public static async Task WaitAsync(IncidentStore incidents, OutboxStore outbox, string incidentId, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var unfiled = (await incidents.LoadAsync(incidentId, cancellationToken))?.Unfiled?.Outbox ?? [];
            var pending = unfiled.Concat(await outbox.PendingAsync(incidentId, cancellationToken));
            if (!pending.Any(e => e.Command is ScheduleTimer { Timer: TimerKind.Classification }))
            {
                return;
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"Incident {incidentId} was not classified within 30 s.");
    }
}
