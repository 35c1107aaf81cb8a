using Microsoft.Extensions.Hosting;

namespace BreachNotify.Functions.Hosting;

/// <summary>Creates the tables and the queue before the app takes requests.</summary>
internal sealed class StorageInitializer(StorageClients clients) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => clients.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
