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

await host.RunAsync();
return 0;
