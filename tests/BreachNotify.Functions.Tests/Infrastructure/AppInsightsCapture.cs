using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>
/// A stand-in for Application Insights' ingestion endpoint (<c>POST /v2.1/track</c>, newline-delimited JSON envelopes,
/// gzip or not): the Azure Monitor exporter of the app under test sends its spans, logs and metrics here when the
/// connection string's <c>IngestionEndpoint</c> names it. Keeps every envelope it received.
/// </summary>
public sealed class AppInsightsCapture : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _envelopes = new();

    private AppInsightsCapture(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The connection string that points an exporter here (a made-up instrumentation key), live metrics too.</summary>
    public string ConnectionString => $"InstrumentationKey=00000000-0000-4000-8000-000000000016;IngestionEndpoint={BaseAddress};LiveEndpoint={BaseAddress}";

    public IReadOnlyList<JsonElement> Envelopes => [.. _envelopes];

    public static async Task<AppInsightsCapture> StartAsync()
    {
        var port = AzuriteFixture.FreePort();
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var capture = new AppInsightsCapture(app, new Uri($"http://127.0.0.1:{port}/"));
        app.MapPost("/v2.1/track", capture.TrackAsync);
        await app.StartAsync();
        return capture;
    }

    /// <summary>The span envelopes (requests and dependencies: what OpenTelemetry spans become in Application Insights).</summary>
    public IEnumerable<JsonElement> Spans => Envelopes.Where(e => Type(e) is "RequestData" or "RemoteDependencyData");

    public static string? Type(JsonElement envelope) =>
        envelope.TryGetProperty("data", out var data) && data.TryGetProperty("baseType", out var type) ? type.GetString() : null;

    public static JsonElement BaseData(JsonElement envelope) => envelope.GetProperty("data").GetProperty("baseData");

    /// <summary>The trace id (Application Insights' operation id) of an envelope.</summary>
    public static string? OperationId(JsonElement envelope) =>
        envelope.TryGetProperty("tags", out var tags) && tags.TryGetProperty("ai.operation.id", out var id) ? id.GetString() : null;

    public async Task<List<JsonElement>> WaitForAsync(Func<JsonElement, bool> match, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var found = Envelopes.Where(match).ToList();
            if (found.Count > 0)
            {
                return found;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No matching envelope among {_envelopes.Count}; the spans: {string.Join(" | ", Spans.Select(e => BaseData(e).GetRawText()))}");
    }

    public static string? Name(JsonElement envelope) =>
        Type(envelope) is { } && BaseData(envelope).TryGetProperty("name", out var name) ? name.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private async Task TrackAsync(HttpContext context)
    {
        Stream body = context.Request.Body;
        if (context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new GZipStream(body, CompressionMode.Decompress);
        }

        using var reader = new StreamReader(body);
        var count = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                _envelopes.Enqueue(JsonDocument.Parse(line).RootElement.Clone());
                count++;
            }
        }

        await context.Response.WriteAsJsonAsync(new { itemsReceived = count, itemsAccepted = count, errors = Array.Empty<object>() });
    }
}
