using BreachNotify.Functions.Hosting;

// The standalone host: Kestrel, the app's own queue workers and sweep timer (Workflow:RunWorkers), one process.
var (app, problems) = BreachNotifyApp.Create(args);
if (app is null)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"BreachNotify cannot start: {problem}");
    }

    return 2;
}

try
{
    await app.RunAsync();
}
catch (Exception e) when (BreachNotifyOptions.Problems(e) is { } startProblems)
{
    // Options that changed between the check above and the host's own check at start: the same lines, the same exit code.
    foreach (var problem in startProblems)
    {
        Console.Error.WriteLine($"BreachNotify cannot start: {problem}");
    }

    return 2;
}

return 0;
