using BreachNotify.Functions.Tests.Acknowledgements;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Tests.SubprocessorChanges;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>
/// A privacy-team member announces a sub-processor change from the console in headless Chromium, on the real app (Azurite):
/// from the register through the form to the change's page, where it waits for a decision. Screenshots go to artifacts/screenshots.
/// </summary>
public sealed class ConsoleChangeBrowserTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Announce_FromTheRegister_ThroughTheForm_ToTheChangesPage_AwaitingItsDecision()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", new FakeTimeProvider(Start));
        await using var context = await browser.NewContextAsync(ConsoleBrowserTests.WithBase(app, new() { ViewportSize = new() { Width = 1280, Height = 900 } }));
        var errors = new List<string>();
        var page = await AcknowledgementPageBrowserTests.OpenAsync(context, errors);
        await ConsoleBrowserTests.SignInAsync(page, "/console/changes");

        await page.GetByRole(AriaRole.Link, new() { Name = "Announce a change" }).ClickAsync();
        await page.WaitForURLAsync("**/console/changes/new");
        await page.GetByLabel("Kind of change").SelectOptionAsync("add");
        await page.GetByLabel("Id (required)").FillAsync("example-relay");
        await page.GetByLabel("Name (required to add or replace)").FillAsync("Example Relay");
        await page.GetByLabel("Legal entity (required to add or replace)").FillAsync("Example Relay Ltd");
        await page.GetByLabel("Purpose (required to add or replace)").FillAsync("Transactional email");
        await page.GetByLabel("Location (required to add or replace)").FillAsync("IE");
        await page.GetByLabel("Performance management platform (core-platform)").CheckAsync();
        await page.GetByLabel("Effective at (UTC)").FillAsync("2027-01-31T09:00");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-change-announce"), FullPage = true });
        var posted = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Announce the change" }).ClickAsync(), r => r.Request.Method == "POST");
        await page.WaitForURLAsync("**/console/changes/spc-*?done=announced");

        Assert.Equal(303, posted.Status);
        Assert.Contains("Announced.", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        Assert.Equal(1, await page.Locator("#change-decision").CountAsync());
        var id = new Uri(page.Url).AbsolutePath["/console/changes/".Length..];
        var read = await ChangeApi.ReadAsync(app, id, TestContext.Current.CancellationToken);
        Assert.Equal("AwaitingDecision", read.GetProperty("status").GetString());
        Assert.Equal(new DateTimeOffset(2027, 1, 31, 9, 0, 0, TimeSpan.Zero), read.GetProperty("effectiveAt").GetDateTimeOffset());
        Assert.Equal(["core-platform"], read.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-change-announced"), FullPage = true });
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
