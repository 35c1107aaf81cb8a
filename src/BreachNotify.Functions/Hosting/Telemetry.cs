using Azure.Monitor.OpenTelemetry.Exporter;
using BreachNotify.Functions.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// Exports the "BreachNotify" meter and traces with OpenTelemetry when an exporter is configured: OTLP, the console,
/// and Application Insights (Azure Monitor) when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, with the logs too.
/// The same registration in both hosts.
/// </summary>
internal static class Telemetry
{
    /// <summary>The platform's setting on a Function App with Application Insights (Bicep sets it).</summary>
    public const string AppInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddBreachNotifyTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        var appInsights = configuration[AppInsightsConnectionString] is { Length: > 0 } connection ? connection : null;
        if (options.OtlpEndpoint is null && !options.Console && appInsights is null)
        {
            return services;
        }

        var interval = (int)TimeSpan.FromSeconds(options.ExportIntervalSeconds).TotalMilliseconds;
        var telemetry = services.AddOpenTelemetry().WithTracing(tracing =>
        {
            // The app's own spans, the worker's invocation spans (children of the Functions host's), the request spans
            // (in which ingest and decisions begin) and the outgoing sends (SendGrid, customers' webhooks).
            tracing.AddSource(Tracing.SourceName, "Microsoft.Azure.Functions.Worker");
            tracing.AddAspNetCoreInstrumentation(o => o.EnrichWithHttpResponse = RedactUrl);
            // Storage calls (every one carries x-ms-version) would flood the traces and say nothing the spans do not.
            tracing.AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request => !request.Headers.Contains("x-ms-version"));
            if (options.OtlpEndpoint is { } endpoint)
            {
                tracing.AddOtlpExporter(exporter => exporter.Endpoint = endpoint);
            }

            if (options.Console)
            {
                tracing.AddConsoleExporter();
            }

            if (appInsights is not null)
            {
                tracing.AddAzureMonitorTraceExporter(exporter =>
                {
                    exporter.ConnectionString = appInsights;
                    // Every trace: incidents are few, and a notice's trace missing from the evidence costs more than its bytes.
                    exporter.TracesPerSecond = null;
                    exporter.SamplingRatio = 1.0F;
                });
            }
        }).WithMetrics(metrics =>
        {
            metrics.AddMeter(WorkflowMetrics.MeterName);
            if (options.OtlpEndpoint is { } endpoint)
            {
                metrics.AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = endpoint;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                });
            }

            if (options.Console)
            {
                metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval);
            }

            if (appInsights is not null)
            {
                metrics.AddAzureMonitorMetricExporter(exporter => exporter.ConnectionString = appInsights);
            }
        });

        if (appInsights is not null)
        {
            // Logs through the same logger factory as every other provider, so LogRedaction applies to them as well.
            telemetry.WithLogging(logging => logging.AddAzureMonitorLogExporter(exporter => exporter.ConnectionString = appInsights));
        }

        return services;
    }

    /// <summary>An acknowledgement link's token (and any token-like query value) never leaves in a request span.</summary>
    private static void RedactUrl(System.Diagnostics.Activity activity, Microsoft.AspNetCore.Http.HttpResponse _)
    {
        foreach (var tag in (string[])["url.path", "url.query", "url.full"])
        {
            if (activity.GetTagItem(tag) is string value && LogRedaction.Redact(value) is var redacted && redacted != value)
            {
                activity.SetTag(tag, redacted);
            }
        }
    }
}
