using BreachNotify.Functions.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace BreachNotify.Functions.Hosting;

/// <summary>Exports the "BreachNotify" meter with OpenTelemetry when an exporter is configured.</summary>
internal static class Telemetry
{
    public static IServiceCollection AddBreachNotifyTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.OtlpEndpoint is null && !options.Console)
        {
            return services;
        }

        services.AddOpenTelemetry().WithMetrics(metrics =>
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
