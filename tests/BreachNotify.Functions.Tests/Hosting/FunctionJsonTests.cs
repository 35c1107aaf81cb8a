using System.IO.Compression;
using System.Text.Json;
using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Storage;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>Holds every function.json (the Functions host's bindings) against the handlers the app really maps.</summary>
public sealed class FunctionJsonTests(AzuriteFixture azurite)
{
    private static string FunctionsFolder => RepositoryRoot.File("src", "BreachNotify.Functions", "Functions");

    [Fact]
    public async Task EveryHttpTrigger_RoutesToAnEndpointWithTheSameMethods_AndEveryEndpointHasATrigger()
    {
        var endpoints = await MappedEndpointsAsync();
        var functions = ReadFunctions(FunctionsFolder);
        var declared = new HashSet<(string Route, string Method)>();

        foreach (var (name, binding) in functions.Where(f => f.Trigger.GetProperty("type").GetString() == "httpTrigger"))
        {
            var route = "/" + binding.GetProperty("route").GetString();
            foreach (var method in binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()))
            {
                Assert.True(endpoints.Contains((route, method)), $"{name}/function.json: {method} {route} has no handler in the app");
                declared.Add((route, method));
            }
        }

        var invocations = functions.Where(f => f.Trigger.GetProperty("type").GetString() != "httpTrigger").Select(f => ($"/{f.Name}", "POST")).ToHashSet();
        foreach (var endpoint in endpoints.Where(e => !invocations.Contains(e)))
        {
            Assert.True(declared.Contains(endpoint), $"{endpoint.Method} {endpoint.Route} is mapped by the app but no function.json routes to it");
        }
    }

    [Fact]
    public async Task EveryQueueAndTimerTrigger_HasAnInvocationHandler_AndTheQueueIsTheWorkflowQueue()
    {
        var endpoints = await MappedEndpointsAsync();
        var triggers = ReadFunctions(FunctionsFolder).Where(f => f.Trigger.GetProperty("type").GetString() != "httpTrigger").ToList();

        Assert.Equal(["OutboxSweep", "WorkflowQueue"], triggers.Select(t => t.Name).Order());
        foreach (var (name, trigger) in triggers)
        {
            Assert.Contains(($"/{name}", "POST"), endpoints);
            if (trigger.GetProperty("type").GetString() == "queueTrigger")
            {
                Assert.Equal(StorageNames.DefaultWorkflowQueue, trigger.GetProperty("queueName").GetString());
            }
        }
    }

    [Fact]
    public void Package_HasHostJsonTheExecutableAndOneFolderPerFunction()
    {
        var package = Environment.GetEnvironmentVariable("BREACHNOTIFY_PACKAGE");
        if (string.IsNullOrEmpty(package))
        {
            Assert.Skip("BREACHNOTIFY_PACKAGE is not set: scripts/test.sh builds the package and sets it.");
        }

        var unpacked = Directory.CreateTempSubdirectory("package-").FullName;
        ZipFile.ExtractToDirectory(package, unpacked);

        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(unpacked, "host.json")));
        var executable = host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
        Assert.True(File.Exists(Path.Combine(unpacked, executable)), $"{executable} is not at the package root");
        Assert.True(host.RootElement.GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.True(File.Exists(Path.Combine(unpacked, "classification-rules.json")));
        Assert.Equal(ReadFunctions(FunctionsFolder).Select(f => f.Name).Order(), ReadFunctions(unpacked).Select(f => f.Name).Order());
    }

    private async Task<HashSet<(string Route, string Method)>> MappedEndpointsAsync()
    {
        var settings = TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), new Uri("http://127.0.0.1:9"), AzuriteFixture.FreePort());
        settings["FUNCTIONS_CUSTOMHANDLER_PORT"] = AzuriteFixture.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (app, problems) = BreachNotifyApp.Create([TestApp.NoFileWatchers], b => b.Configuration.AddInMemoryCollection(settings));
        Assert.True(app is not null, string.Join("; ", problems));
        await using var _ = app;
        var endpoints = new HashSet<(string, string)>();
        foreach (var endpoint in ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods)
            {
                endpoints.Add(("/" + endpoint.RoutePattern.RawText!.TrimStart('/'), method));
            }
        }

        return endpoints;
    }

    private static List<(string Name, JsonElement Trigger)> ReadFunctions(string folder) =>
        [.. Directory.GetDirectories(folder)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d => (Path.GetFileName(d), JsonDocument.Parse(File.ReadAllText(Path.Combine(d, "function.json"))).RootElement.GetProperty("bindings")
                .EnumerateArray().First(b => b.GetProperty("direction").GetString() == "in")))];
}
