using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BreachNotify.Bench;

/// <summary>Requests as a SIEM (HMAC-signed) and a commander (Bearer key) send them.</summary>
public static class BenchApi
{
    public const string Source = "siem";
    public const string SourceSecret = "bench-source-secret-0123456789abcdef";

    public static Dictionary<string, string> Settings(Uri baseAddress, string connectionString, string prefix, string directoryPath, Uri mailHost) => new()
    {
        ["PublicBaseUrl"] = baseAddress.ToString().TrimEnd('/'),
        ["Storage:ConnectionString"] = connectionString,
        ["Storage:Prefix"] = prefix,
        ["Directory:Path"] = directoryPath,
        ["SendGrid:ApiKey"] = "SG.bench",
        ["SendGrid:Host"] = mailHost.ToString().TrimEnd('/'),
        ["SendGrid:From"] = "breach-notify@bench-ops.example",
        ["Sources:siem:Secret"] = SourceSecret,
        ["Commanders:Keys:ic-primary"] = CommanderKeyHash.Of(BenchDirectory.CommanderKey),
        ["Workflow:Concurrency"] = "32",
        ["Workflow:FanOutBatchSize"] = "100",
        ["Workflow:ApprovalEscalationMinutes"] = "60",
        ["Workflow:AckReminderMinutes"] = "600",
        ["Ingest:PermitsPerMinute"] = "10000000",
        // Every bench detection names the same asset: measured as new incidents, not correlated into one.
        ["Ingest:CorrelationWindowMinutes"] = "0",
    };

    public static string GenericDetection(string externalId, string title, string asset) => JsonSerializer.Serialize(new
    {
        externalId,
        title,
        description = "Benchmark detection: bulk read of customer tables followed by an outbound transfer.",
        severity = "high",
        category = "exfiltration",
        assets = new[] { asset },
        detectedAt = DateTimeOffset.UtcNow.ToString("O"),
    });

    public static HttpRequestMessage SignedDetection(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/detections?source={Source}") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(IngestOptions.SignatureHeader, SourceSignature.Sign(SourceSecret, bytes));
        return request;
    }

    public static HttpRequestMessage AsCommander(HttpMethod method, string path, object? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchDirectory.CommanderKey);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return request;
    }

    public static Task<JsonElement> ReadIncidentAsync(HttpClient http, string incidentId, CancellationToken ct) =>
        ReadAsync(http, $"/api/incidents/{incidentId}", ct);

    /// <summary>A commander's read of <paramref name="path"/> (an incident, a change), as JSON.</summary>
    public static async Task<JsonElement> ReadAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.SendAsync(AsCommander(HttpMethod.Get, path), ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    public static int Count(JsonElement incident, string name) => incident.GetProperty("noticeCounts").GetProperty(name).GetInt32();
}
