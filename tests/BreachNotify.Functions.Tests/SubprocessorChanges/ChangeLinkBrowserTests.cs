using BreachNotify.Functions.Tests.Acknowledgements;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace BreachNotify.Functions.Tests.SubprocessorChanges;

/// <summary>
/// The change notice's link page in headless Chromium, on the real app (Azurite, the mail capture): the customer's
/// contact objects with a reason, as a person would, from the link in the mail. Screenshots go to artifacts/screenshots.
/// </summary>
public sealed class ChangeLinkBrowserTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Object_WithAReason_IsRecordedOnTheChange_ThePageSaysSo_AndOffersNoSecondAnswer()
    {
        await using var app = await TestApp.StartAsync(azurite, null, new FakeTimeProvider(Start));
        var id = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 60), TestContext.Current.CancellationToken);
        var mail = (await app.WaitForMailsAsync(m => m.To == "legal@fabrikam.example" && m.Subject.Contains(id, StringComparison.Ordinal))).Single();
        await using var context = await browser.NewContextAsync();
        var errors = new List<string>();
        var page = await AcknowledgementPageBrowserTests.OpenAsync(context, errors);

        var shown = await page.GotoAsync(AckPage.LinkIn(mail.Html!));
        Assert.Equal(200, shown!.Status);
        Assert.Contains("Example Relay Ltd", await page.ContentAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("change-link-form"), FullPage = true });
        Assert.Empty((await ChangeApi.ReadAsync(app, id, TestContext.Current.CancellationToken)).GetProperty("objections").EnumerateArray());

        // The reason is required: the browser keeps the form until it is given.
        await page.Locator("#object-name").FillAsync("Fay Legal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Object to the change" }).ClickAsync();
        Assert.Empty((await ChangeApi.ReadAsync(app, id, TestContext.Current.CancellationToken)).GetProperty("objections").EnumerateArray());
        await page.GetByLabel("Reason (required)").FillAsync("Our customer data must not go to a new relay before our audit.");
        var posted = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Object to the change" }).ClickAsync(),
            r => r.Request.Method == "POST");
        await page.Locator("p[role=status]").WaitForAsync(new() { Timeout = 30_000 }); // not the load state: its event can fire before the wait begins

        Assert.Equal(200, posted.Status);
        Assert.Contains("Your objection is recorded", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Contains("Objection recorded", await page.ContentAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Object to the change" }).CountAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("change-link-objected"), FullPage = true });
        var objection = Assert.Single((await ChangeApi.ReadAsync(app, id, TestContext.Current.CancellationToken)).GetProperty("objections").EnumerateArray());
        Assert.Equal("fabrikam", objection.GetProperty("customerId").GetString());
        Assert.Equal("contact:Fay Legal", objection.GetProperty("by").GetString());
        Assert.Equal("Our customer data must not go to a new relay before our audit.", objection.GetProperty("reason").GetString());
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
