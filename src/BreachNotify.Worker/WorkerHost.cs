using BreachNotify.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BreachNotify.Worker;

/// <summary>The worker's composition: the Functions worker with its ASP.NET Core integration, then BreachNotify's services.</summary>
public static class WorkerHost
{
    public static IHost? Build(string[] args, out IReadOnlyList<string> problems)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        // Console cookies are Secure behind the Functions host (ConsoleSession reads this key); Flex Consumption takes the
        // runtime from functionAppConfig, so the platform need not set it as an app setting.
        builder.Configuration.AddInMemoryCollection([new("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated")]);
        var (settings, startupProblems) = StartupSettings.Read(builder.Configuration, Environment.CurrentDirectory);
        problems = startupProblems;
        if (settings is null)
        {
            return null;
        }

        // After the worker's own registrations, so the front-end options (who may forward headers) are the app's.
        builder.Services.AddBreachNotify(builder.Configuration, settings with { Mode = HostingMode.FunctionsIsolatedWorker });
        builder.Services.AddLogRedaction();
        builder.Services.AddSingleton<EndpointDispatcher>();
        return builder.Build();
    }
}
