namespace BreachNotify.Functions.Hosting;

/// <summary><c>Telemetry:*</c>: where the product's metrics go (meter "BreachNotify").</summary>
public sealed class TelemetryOptions
{
    /// <summary>An OTLP endpoint (for example an OpenTelemetry Collector or Azure Monitor's OTLP ingestion); none by default.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Write metrics to the console every <see cref="ExportIntervalSeconds"/> (local diagnosis).</summary>
    public bool Console { get; set; }

    public int ExportIntervalSeconds { get; set; } = 60;
}
