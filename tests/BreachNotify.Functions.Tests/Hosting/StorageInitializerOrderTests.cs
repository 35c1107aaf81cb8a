using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>
/// The tables and the queue are created before any other hosted service starts (they start in registration order): under the
/// Functions host, the worker's own hosted service is registered before the app's services and would otherwise report the
/// worker ready, and take a queue message, before the tables exist.
/// </summary>
public sealed class StorageInitializerOrderTests
{
    [Fact]
    public void StorageInitializer_IsTheFirstHostedService_EvenAfterAHostRegisteredItsOwnFirst()
    {
        var settings = TestApp.BaseSettings("UseDevelopmentStorage=true", "order", new Uri("http://127.0.0.1:1"), 1);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var (startup, problems) = StartupSettings.Read(configuration, RepositoryRoot.Path);
        Assert.True(startup is not null, string.Join("; ", problems));
        var services = new ServiceCollection();
        services.AddHostedService<HostsOwnService>(); // what ConfigureFunctionsWebApplication registers before the app

        services.AddBreachNotify(configuration, startup);

        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        Assert.Equal(typeof(StorageInitializer), hosted[0].ImplementationType);
        Assert.Contains(hosted, d => d.ImplementationType == typeof(HostsOwnService));
    }

    private sealed class HostsOwnService : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
