using Microsoft.Extensions.Hosting;

namespace BreachNotify.MailCapture;

/// <summary>
/// The server is owned by whoever started it (a test or Program.cs), so it must not stop itself
/// on Ctrl+C / SIGTERM the way the default console lifetime does.
/// </summary>
internal sealed class NoSignalHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
