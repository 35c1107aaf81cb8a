using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;

namespace BreachNotify.MailCapture;

/// <summary>
/// A SendGrid look-alike on 127.0.0.1: the local demo's inbox, and the SendGrid integration tests talk to
/// (with faults they can inject). Dispose to stop it.
/// </summary>
public sealed class MailCaptureServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MailStore _store;

    private MailCaptureServer(WebApplication app, MailStore store, FaultPlan faults, Uri baseAddress)
    {
        _app = app;
        _store = store;
        Faults = faults;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the server listens, e.g. http://127.0.0.1:7072/; SendGrid clients use it as their API host.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Faults applied to <c>POST /v3/mail/send</c>.</summary>
    public FaultPlan Faults { get; }

    /// <summary>A snapshot of the captured mails, oldest first.</summary>
    public IReadOnlyList<CapturedMail> Mails => _store.Snapshot();

    /// <summary>Every mail send request received since start or <see cref="Clear"/>, oldest first, with its answer and size.</summary>
    public IReadOnlyList<CapturedRequest> Requests => _store.Requests();

    /// <summary>Mail send requests received since start or <see cref="Clear"/>, including rejected and faulted ones.</summary>
    public int RequestCount => _store.RequestCount;

    public static async Task<MailCaptureServer> StartAsync(MailCaptureOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);

        // Slim builder: no appsettings or launch profiles from the host process leak into a test's server; no
        // reload-on-change, whose file watcher would cost an inotify instance per capture.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoSignalHostLifetime>();
        builder.Services.AddRazorComponents();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));

        var app = builder.Build();
        var store = new MailStore();
        var faults = new FaultPlan();
        new MailCaptureEndpoints(store, faults, options).Map(app);

        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // With port 0 only the server knows the port it bound.
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new MailCaptureServer(app, store, faults, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Waits until at least <paramref name="count"/> mails are captured; throws <see cref="TimeoutException"/> otherwise.</summary>
    public Task<IReadOnlyList<CapturedMail>> WaitForMailsAsync(int count, TimeSpan timeout) => _store.WaitForAsync(count, timeout);

    /// <summary>Forgets captured mails and resets <see cref="RequestCount"/>; faults are left as they are.</summary>
    public void Clear() => _store.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
