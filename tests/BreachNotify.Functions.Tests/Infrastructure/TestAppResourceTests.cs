using System.Net;
using System.Net.Sockets;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>
/// A test run starts hundreds of apps and mail captures: each must leave nothing behind, or the machine's inotify
/// instances (128) and ports run out and unrelated tests fail.
/// </summary>
[Collection(nameof(SerialTests))]
public sealed class TestAppResourceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_app_and_its_mail_capture_run_without_file_watchers()
    {
        var before = ProcessResources.InotifyInstances();

        await using (var app = await TestApp.StartAsync(azurite))
        {
            Assert.Equal(HttpStatusCode.OK, (await app.Http.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
            Assert.Equal(before, ProcessResources.InotifyInstances());
        }

        Assert.Equal(before, ProcessResources.InotifyInstances());
    }

    [Fact]
    public async Task A_failed_start_leaves_no_listener_and_no_file_watcher_behind()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var takenPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var listeningBefore = ProcessResources.ListeningTcpSockets();
        var inotifyBefore = ProcessResources.InotifyInstances();

        await Assert.ThrowsAnyAsync<IOException>(() => TestApp.StartAsync(azurite, s => s["Urls"] = $"http://127.0.0.1:{takenPort}"));

        Assert.Equal(listeningBefore, ProcessResources.ListeningTcpSockets());
        Assert.Equal(inotifyBefore, ProcessResources.InotifyInstances());
    }
}
