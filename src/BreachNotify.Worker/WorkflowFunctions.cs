using System.Globalization;
using BreachNotify.Functions.Workflow;
using Microsoft.Azure.Functions.Worker;

namespace BreachNotify.Worker;

/// <summary>The queue and timer triggers: the same processor and sweep as the standalone host's workers.</summary>
public sealed class WorkflowFunctions(WorkItemProcessor processor, OutboxSweeper sweeper)
{
    public const string WorkflowQueue = "WorkflowQueue";
    public const string OutboxSweep = "OutboxSweep";

    [Function(WorkflowQueue)]
    public async Task RunWorkItem(
        [QueueTrigger(StorageNames.DefaultWorkflowQueue, Connection = "Storage")] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        var id = Metadata(context, "Id") ?? "unknown";
        var dequeueCount = long.TryParse(Metadata(context, "DequeueCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 1;
        var outcome = await processor.ProcessAsync(id, message, dequeueCount, cancellationToken);
        if (outcome != WorkItemOutcome.Finished)
        {
            throw new WorkItemNotFinishedException(id, dequeueCount);
        }
    }

    [Function(OutboxSweep)]
    public Task Sweep([TimerTrigger("*/30 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) => sweeper.SweepAsync(cancellationToken);

    private static string? Metadata(FunctionContext context, string name) =>
        context.BindingContext.BindingData.TryGetValue(name, out var value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim('"')
            : null;
}
