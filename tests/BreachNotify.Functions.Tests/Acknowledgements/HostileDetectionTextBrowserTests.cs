using System.Text.Json.Nodes;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Playwright;
using static BreachNotify.Functions.Tests.Acknowledgements.AcknowledgementPageBrowserTests;

namespace BreachNotify.Functions.Tests.Acknowledgements;

/// <summary>
/// Detection text is whatever an attacker managed to get into a SIEM alert. It must reach the notices only as encoded
/// text, never a subject, and never run in a browser: neither the notice's HTML nor the acknowledgement page.
/// </summary>
public sealed class HostileDetectionTextBrowserTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private const string Marker = "HOSTILE-TITLE-7f3a";
    /// <summary>Right-to-left override. Compared ordinally: culture-aware comparison ignores it and finds it everywhere.</summary>
    private const string Rlo = "\u202E";

    [Fact]
    public async Task HostileTitleAndDescription_AreEncodedInNotices_KeptOutOfSubjects_AndNeverRunInTheBrowser()
    {
        var detection = JsonNode.Parse(TestApp.Fixture("generic-subprocessor-report.json"))!;
        detection["externalId"] = "LLM-SEC-HOSTILE-1";
        detection["title"] = $"{Marker} <script>alert(1)</script> <img src=x onerror=alert(2)> invoice{Rlo}fdp.exe \u0000\u0007\u001b[2J\u0008 end";
        detection["description"] = "<script>alert(3)</script><img src=x onerror=alert(4)>" + Rlo + "\u0001\u001f" + new string('W', 10_000);
        detection["dataCategories"] = new JsonArray("names", "<img src=x onerror=alert(5)>", "<script>alert(6)</script>");
        await using var flow = await NoticeFlow.StartAsync(azurite, detection: detection.ToJsonString());

        // (a) The notices: markup only as encoded text, no hidden characters, no detection text in any subject.
        Assert.Equal(4, flow.Notices.Count);
        foreach (var mail in flow.App.Mail.Mails)
        {
            Assert.DoesNotContain(Marker, mail.Subject);
            Assert.DoesNotContain("alert", mail.Subject, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<", mail.Subject);
            Assert.DoesNotContain(Rlo, mail.Subject, StringComparison.Ordinal);
            Assert.False(mail.Subject.Any(char.IsControl), $"control character in subject {mail.Subject}");
            var html = mail.Html!;
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            // No element (as opposed to encoded text) carries an event handler.
            Assert.Empty(Html.Parse(html).All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).Select(a => a.Name));
            Assert.DoesNotContain(Rlo, html, StringComparison.Ordinal);
            Assert.DoesNotContain(Rlo, mail.Text ?? "", StringComparison.Ordinal);
            Assert.False(html.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'), "control character in the notice HTML");
        }

        var notice = flow.Notice.Html!;
        Assert.Contains(Marker, notice); // the title is in the notice body, as text
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", notice);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", notice);
        Assert.Contains("&lt;img src=x onerror=alert(5)&gt;", notice);

        // (b) In Chromium, with script enabled: neither the notice's HTML (as a mail client would render it, without
        // the app's CSP) nor the acknowledgement page runs anything or has a script element.
        await using var context = await browser.NewContextAsync();
        var errors = new List<string>();
        var page = await OpenAsync(context, errors);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add($"{dialog.Type}: {dialog.Message}");
            }

            await dialog.DismissAsync();
        };

        await page.SetContentAsync(notice);
        await page.WaitForTimeoutAsync(300);
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("img").CountAsync());
        Assert.Equal(0, await page.Locator("[onerror]").CountAsync());
        Assert.Contains("<script>alert(1)</script>", await page.Locator("body").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("notice-mail-hostile-detection"), FullPage = false });

        var shown = await page.GotoAsync(flow.Link);
        Assert.Equal(200, shown!.Status);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("[onerror]").CountAsync());
        var posted = await AcknowledgeAsync(page, "<script>alert(7)</script><img src=x onerror=alert(8)>" + Rlo + "Mallory");
        Assert.Equal(200, posted.Status);
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("img").CountAsync());
        var status = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        Assert.Contains("<script>alert(7)</script>", status);
        Assert.DoesNotContain(Rlo, status, StringComparison.Ordinal); // a typed name cannot reorder what the page (or the commanders) read
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("ack-recorded-hostile-name"), FullPage = true });
        var recorded = (await Workflow.EndToEndTests.ReadAsync(flow.App, flow.IncidentId)).GetProperty("notices").EnumerateArray()
            .Single(n => n.GetProperty("contact").GetProperty("email").GetString() == flow.Notice.To);
        Assert.Equal("<script>alert(7)</script><img src=x onerror=alert(8)>Mallory", recorded.GetProperty("acknowledgedBy").GetString());

        Assert.True(dialogs.Count == 0, "a dialog fired: " + string.Join("; ", dialogs));
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
