using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Cli.Tests.Infrastructure;

/// <summary>A tiny HTTP server on 127.0.0.1 and a free port, answering every request with the handler given.</summary>
public sealed class TinyServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TinyServer(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public static async Task<TinyServer> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TinyServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
