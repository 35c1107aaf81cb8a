using BreachNotify.Functions.Hosting;

// One executable for both hosts: standalone (its own queue workers and sweep) and the Azure Functions custom handler.
var (app, problems) = BreachNotifyApp.Create(args);
if (app is null)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"BreachNotify cannot start: {problem}");
    }

    return 2;
}

await app.RunAsync();
return 0;

/// <summary>Visible to the tests' host.</summary>
public partial class Program;
