using BreachNotify.Functions.Tests.Acknowledgements;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BreachNotify.Functions.Tests.OtherNotices;

/// <summary>
/// The console's matter forms in headless Chromium on the real app (Azurite, the mail capture): a commander records a
/// law-enforcement request and approves it from the console, as a person would, and the notice arrives.
/// </summary>
public sealed class MatterConsoleBrowserTests(AzuriteFixture azurite, BrowserFixture browser)
{
    [Fact]
    public async Task RecordAndApprove_FromTheConsole_SendsTheNotice_ABadFormIsRefusedNamingTheField()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await using var context = await browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString().TrimEnd('/') });
        var errors = new List<string>();
        var page = await AcknowledgementPageBrowserTests.OpenAsync(context, errors);
        await page.GotoAsync("/console/matters");
        await page.GetByLabel("Commander key").FillAsync(TestApp.CommanderKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("#record-form").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

        // Without its time the API's reader refuses it, and nothing is stored.
        await page.Locator("#record summary").ClickAsync();
        await page.Locator("#r-kind").SelectOptionAsync("law-enforcement-request");
        await page.Locator("#r-customers").FillAsync("fabrikam");
        await page.Locator("#r-summary").FillAsync("Production order for one user's mailbox");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await page.Locator("p[role=alert]").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("receivedAt", await page.Locator("p[role=alert]").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#matters tr.matter").CountAsync());
        // The browser reports that 400 as a failed resource: expected here, so not an error of the page.
        errors.RemoveAll(e => e.Contains("status of 400", StringComparison.Ordinal));

        await page.Locator("#record summary").ClickAsync();
        await page.Locator("#r-kind").SelectOptionAsync("law-enforcement-request");
        await page.Locator("#r-customers").FillAsync("fabrikam");
        await page.Locator("#r-received").FillAsync(DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#r-summary").FillAsync("Production order for one user's mailbox");
        await page.GetByLabel("Authority").FillAsync("District Court of Example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await page.Locator("p[role=status]").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("It waits for a decision", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        var id = new Uri(page.Url).AbsolutePath.Split('/')[^1];
        Assert.StartsWith("mtr-", id, StringComparison.Ordinal);
        Assert.Equal("AwaitingDecision", await page.Locator("#status").InnerTextAsync());

        await page.GetByLabel("Decision").SelectOptionAsync("approve");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await page.Locator("p[role=status]:has-text('Approved')").WaitForAsync(new() { Timeout = 30_000 });

        var mail = Assert.Single(await app.WaitForMailsAsync(m => m.To == "legal@fabrikam.example" && m.Subject.Contains(id, StringComparison.Ordinal)));
        Assert.Contains("District Court of Example", mail.Text, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("matter-console-approved"), FullPage = true });
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
