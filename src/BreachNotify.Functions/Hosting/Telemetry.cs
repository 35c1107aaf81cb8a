using BreachNotify.Functions.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BreachNotify.Functions.Hosting;

/// <summary>Exports the "BreachNotify" meter and traces with OpenTelemetry when an exporter is configured.</summary>
internal static class Telemetry
{
    public static IServiceCollection AddBreachNotifyTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.OtlpEndpoint is null && !options.Console)
        {
            return services;
        }

        services.AddOpenTelemetry().WithTracing(tracing =>
        {
            // The app's own spans and ASP.NET Core's request spans, in which ingest and decisions begin.
            tracing.AddSource(Tracing.SourceName, "Microsoft.AspNetCore");
            if (options.OtlpEndpoint is { } endpoint)
            {
                tracing.AddOtlpExporter(exporter => exporter.Endpoint = endpoint);
            }

            if (options.Console)
            {
                tracing.AddConsoleExporter();
            }
        }).WithMetrics(metrics =>
        {
            metrics.AddMeter(WorkflowMetrics.MeterName);
            var interval = (int)TimeSpan.FromSeconds(options.ExportIntervalSeconds).TotalMilliseconds;
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
        });
        return services;
    }
}
