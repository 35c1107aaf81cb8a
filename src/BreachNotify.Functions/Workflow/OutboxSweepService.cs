using BreachNotify.Functions.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Workflow;

/// <summary>Standalone host only: runs the sweep on its interval (under Azure, the OutboxSweep timer trigger does).</summary>
public sealed class OutboxSweepService(OutboxSweeper sweeper, TimeProvider time, IOptions<WorkflowOptions> options, ILogger<OutboxSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sweeper.SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.WorkerLoopError(e);
            }
        }
    }
}
