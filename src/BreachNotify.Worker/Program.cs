using BreachNotify.Functions.Hosting;
using BreachNotify.Worker;
using Microsoft.Extensions.Hosting;

// The isolated-worker Functions app: the same composition as the standalone host, its triggers from the Functions host.
var host = WorkerHost.Build(args, out var problems);
if (host is null)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"BreachNotify cannot start: {problem}");
    }

    return 2;
}

try
{
    await host.RunAsync();
}
catch (Exception e) when (BreachNotifyOptions.Problems(e) is { } startProblems)
{
    // Options the host's own start check refuses: the same lines and exit code as the check above.
    foreach (var problem in startProblems)
    {
        Console.Error.WriteLine($"BreachNotify cannot start: {problem}");
    }

    return 2;
}

return 0;
