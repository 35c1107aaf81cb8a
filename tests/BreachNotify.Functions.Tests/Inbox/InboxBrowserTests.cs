using System.Net.Http.Headers;
using System.Text;
using BreachNotify.Functions.Tests.Acknowledgements;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.MailCapture;
using Microsoft.Playwright;

namespace BreachNotify.Functions.Tests.Inbox;

/// <summary>The demo inbox in headless Chromium: its list, a mail's page, and the clear button (a static script, no inline handler).</summary>
public sealed class InboxBrowserTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheInboxListsAMail_OpensIt_AndItsClearButtonEmptiesTheCapture()
    {
        await using var capture = await MailCaptureServer.StartAsync(new(), Ct);
        using var client = new HttpClient { BaseAddress = capture.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "SG.inbox-test");
        using var sent = await client.PostAsync("v3/mail/send", new StringContent("""
            {"from":{"email":"notices@breachnotify.test"},"subject":"Breach notice INC-1",
             "content":[{"type":"text/plain","value":"Please read."},{"type":"text/html","value":"<p>Please <a href=\"https://ack.test/a\">read</a>.</p>"}],
             "personalizations":[{"to":[{"email":"dana@fabrikam.example"}]}]}
            """, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(202, (int)sent.StatusCode);
        await using var context = await browser.NewContextAsync();
        var errors = new List<string>();
        var page = await AcknowledgementPageBrowserTests.OpenAsync(context, errors);

        await page.GotoAsync(capture.BaseAddress.ToString());
        Assert.Equal("Inbox (1)", await page.Locator("h1").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("inbox-list"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = "Breach notice INC-1" }).ClickAsync();
        await page.Locator("iframe[title='HTML body']").WaitForAsync();
        Assert.Equal("Please read.", await page.Locator("pre").InnerTextAsync());
        Assert.Equal("read", await page.FrameLocator("iframe[title='HTML body']").Locator("a").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("inbox-mail"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Inbox" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear inbox" }).ClickAsync();
        await page.GetByText("No mail yet.").WaitForAsync(new() { Timeout = 30_000 });

        Assert.Equal("Inbox (0)", await page.Locator("h1").InnerTextAsync());
        Assert.Empty(capture.Mails);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
