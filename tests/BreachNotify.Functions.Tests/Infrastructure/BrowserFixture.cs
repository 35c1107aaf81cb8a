using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(BreachNotify.Functions.Tests.Infrastructure.BrowserFixture))]

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole test run (the system's <c>/usr/bin/chromium</c>, driven by Playwright; Playwright
/// never downloads a browser here), a new context per test. Chromium starts on the first test that asks for it, so
/// tests that need no browser are unaffected when it is missing; a test that does need it fails, saying how to install it.
/// </summary>
public sealed class BrowserFixture : IAsyncDisposable
{
    /// <summary>The system Chromium; <c>BREACHNOTIFY_CHROMIUM</c> names another build.</summary>
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("BREACHNOTIFY_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where screenshots go: <c>artifacts/screenshots</c> in the repository (ignored by git).</summary>
    public static string ScreenshotDirectory { get; } = RepositoryRoot.File("artifacts", "screenshots");

    /// <summary>A fresh context (own cookies, storage, viewport): nothing leaks between tests.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var browser = await BrowserAsync();
        return await browser.NewContextAsync(options ?? new BrowserNewContextOptions());
    }

    public static string Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        return Path.Combine(ScreenshotDirectory, name + ".png");
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            // Bounded: a wedged Chromium must not hold the whole test run open after its last test.
            try
            {
                await _browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(20));
                await _browser.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
            }
        }

        _playwright?.Dispose();
        _gate.Dispose();
    }

    private async Task<IBrowser> BrowserAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_browser is not null)
            {
                return _browser;
            }

            if (!File.Exists(ExecutablePath))
            {
                throw new InvalidOperationException(
                    $"Chromium is not installed at {ExecutablePath}: the page tests drive it headless. Install it as root with " +
                    "'apt-get update && apt-get install -y chromium' (scripts/test.sh does this). Do not run 'playwright install'.");
            }

            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Args,
                Timeout = 60_000,
            });
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }
}
