using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Tests.Workflow;
using BreachNotify.MailCapture;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace BreachNotify.Functions.Tests.Acknowledgements;

/// <summary>
/// The recipient's acknowledgement page in headless Chromium, on the real app (Kestrel, Azurite, SendGrid capture):
/// a posted detection, approved by a commander, to the links in the notices. Screenshots go to artifacts/screenshots.
/// </summary>
public sealed class AcknowledgementPageBrowserTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Page_ShowsNoticeAndForm_RecordsNothingOnView_ThenRecordsTheTypedName()
    {
        await using var flow = await NoticeFlow.StartAsync(azurite);
        await using var context = await browser.NewContextAsync();
        var errors = new List<string>();
        var page = await OpenAsync(context, errors);

        var shown = await page.GotoAsync(flow.Link);
        Assert.Equal(200, shown!.Status);
        Assert.Equal("Breach notice", await page.TitleAsync());
        var summary = await page.Locator("dl").InnerTextAsync();
        Assert.Contains("Fabrikam", summary);
        Assert.Contains(flow.IncidentId, summary);
        Assert.True(await page.GetByLabel("Your name").IsVisibleAsync());
        Assert.True(await page.GetByLabel("Comment (optional)").IsVisibleAsync());
        Assert.Contains("Opening this page records nothing", await page.ContentAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("ack-form"), FullPage = true });
        Assert.Equal(0, await AcknowledgedCountAsync(flow));

        await page.GetByLabel("Your name").FillAsync("Dana Fabrikam");
        await page.GetByLabel("Comment (optional)").FillAsync("Received; forwarding to our DPO.");
        var posted = await PressAcknowledgeAsync(page);

        Assert.Equal(200, posted.Status);
        var status = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        Assert.Contains("Thank you. Your acknowledgement is recorded", status);
        Assert.Contains("Dana Fabrikam", status);
        Assert.Equal(0, await page.Locator("form").CountAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("ack-recorded"), FullPage = true });

        var notice = await NoticeAsync(flow);
        Assert.Equal("Dana Fabrikam", notice.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(1, await AcknowledgedCountAsync(flow));
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task AcknowledgedTwice_SecondSeesAlreadyAcknowledgedWithFirstName_AndNothingChanges()
    {
        await using var flow = await NoticeFlow.StartAsync(azurite);
        await using var first = await browser.NewContextAsync();
        await using var second = await browser.NewContextAsync();
        var errors = new List<string>();
        var firstPage = await OpenAsync(first, errors);
        var secondPage = await OpenAsync(second, errors);

        // Both open the form before either presses the button; the first press wins.
        await firstPage.GotoAsync(flow.Link);
        await secondPage.GotoAsync(flow.Link);
        await AcknowledgeAsync(firstPage, "First Person");
        var acknowledgedAt = (await NoticeAsync(flow)).GetProperty("acknowledgedAt").GetString();

        var late = await AcknowledgeAsync(secondPage, "Second Person");
        Assert.Equal(200, late.Status);
        var lateStatus = await secondPage.GetByRole(AriaRole.Status).InnerTextAsync();
        Assert.Contains("already acknowledged", lateStatus);
        Assert.Contains("First Person", lateStatus);
        Assert.DoesNotContain("Second Person", await secondPage.ContentAsync());

        // A later visit shows the outcome, no form.
        var again = await secondPage.GotoAsync(flow.Link);
        Assert.Equal(200, again!.Status);
        Assert.Contains("already acknowledged", await secondPage.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Contains("First Person", await secondPage.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Equal(0, await secondPage.Locator("form").CountAsync());
        await secondPage.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("ack-already-acknowledged"), FullPage = true });

        var notice = await NoticeAsync(flow);
        Assert.Equal("First Person", notice.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(acknowledgedAt, notice.GetProperty("acknowledgedAt").GetString());
        var incident = await EndToEndTests.ReadAsync(flow.App, flow.IncidentId);
        Assert.Equal(1, incident.GetProperty("noticeCounts").GetProperty("acknowledged").GetInt32());
        Assert.Equal(1, incident.GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("kind").GetString() == "noticeAcknowledged"));
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task ExpiredLink_Shows410PageSayingSo_AndRecordsNothing()
    {
        // The app's clock is fake: notices are sent at "now", then the clock moves past the 30-day link lifetime.
        // The workers use the same clock, so it moves only after the notices arrived. A long sweep interval keeps the
        // fake clock's periodic timer from firing once per interval across the whole month.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var flow = await NoticeFlow.StartAsync(azurite, clock, s => s["Workflow:SweepIntervalSeconds"] = "3600");
        clock.Advance(TimeSpan.FromDays(31));

        await using var context = await browser.NewContextAsync();
        var errors = new List<string>();
        var page = await OpenAsync(context, errors);
        var shown = await page.GotoAsync(flow.Link);

        Assert.Equal(410, shown!.Status);
        AssertOnlyStatusErrors(errors, 410);
        Assert.Equal("Link expired", await page.TitleAsync());
        Assert.Equal("Link expired", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("This acknowledgement link has expired. Please contact the sender of the notice.", await page.Locator("main").InnerTextAsync());
        Assert.Equal(0, await page.Locator("form").CountAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("ack-expired"), FullPage = true });

        // A POST (a form opened before it expired) is refused the same way.
        using var http = new HttpClient();
        var post = await http.PostAsync(flow.Link, new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Too Late" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode); // no antiforgery cookie: refused before the lookup
        Assert.Equal(0, await AcknowledgedCountAsync(flow));
    }

    [Fact]
    public async Task TamperedLink_Shows404PageSayingSo()
    {
        await using var flow = await NoticeFlow.StartAsync(azurite);
        var token = new Uri(flow.Link).Segments[^1];
        var secretStart = token.LastIndexOf('.') + 1;
        var flipped = token[secretStart] == 'A' ? 'B' : 'A';
        var tampered = new Uri(new Uri(flow.Link), "/ack/" + token[..secretStart] + flipped + token[(secretStart + 1)..]);

        await using var context = await browser.NewContextAsync();
        var errors = new List<string>();
        var page = await OpenAsync(context, errors);
        var shown = await page.GotoAsync(tampered.ToString());

        Assert.Equal(404, shown!.Status);
        AssertOnlyStatusErrors(errors, 404);
        Assert.Equal("Link not recognised", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("This acknowledgement link is not valid. Please use the link from your email exactly as sent.", await page.Locator("main").InnerTextAsync());
        Assert.Equal(0, await page.Locator("form").CountAsync());
        Assert.DoesNotContain(flow.IncidentId, await page.ContentAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("ack-tampered"), FullPage = true });

        // The genuine link still works.
        Assert.Equal(200, (await page.GotoAsync(flow.Link))!.Status);
    }

    [Fact]
    public async Task WithJavaScriptDisabled_TheFormStillRecords()
    {
        await using var flow = await NoticeFlow.StartAsync(azurite);
        await using var context = await browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var errors = new List<string>();
        var page = await OpenAsync(context, errors);

        Assert.Equal(200, (await page.GotoAsync(flow.Link))!.Status);
        var posted = await AcknowledgeAsync(page, "No Script Reader");

        Assert.Equal(200, posted.Status);
        Assert.Contains("Your acknowledgement is recorded", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("ack-recorded-no-javascript"), FullPage = true });
        Assert.Equal("No Script Reader", (await NoticeAsync(flow)).GetProperty("acknowledgedBy").GetString());
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task Page_HasAccessibilityAndSecurityBasics_AndFitsAPhone()
    {
        await using var flow = await NoticeFlow.StartAsync(azurite);
        await using var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });
        var errors = new List<string>();
        var page = await OpenAsync(context, errors);

        var shown = await page.GotoAsync(flow.Link);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // Accessibility basics.
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("width=device-width", await page.Locator("meta[name=viewport]").GetAttributeAsync("content"));
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        var unlabelled = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('input:not([type=hidden]), textarea, select')].filter(e => !e.labels || e.labels.length === 0 || !e.labels[0].textContent.trim()).map(e => e.outerHTML)");
        Assert.Empty(unlabelled);
        Assert.Equal(2, await page.EvaluateAsync<int>("() => document.querySelectorAll('input:not([type=hidden]), textarea').length"));
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge receipt" }).IsVisibleAsync());

        // The stylesheet loaded (CSP allows 'self' styles) and the page does not scroll sideways on a phone.
        Assert.Equal("rgb(11, 83, 148)", await page.Locator("button").EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page overflows a 390 px viewport");

        // Security: a CSP that allows no script, no script in the page, no inline handlers.
        var headers = await shown!.AllHeadersAsync();
        Assert.True(headers.TryGetValue("content-security-policy", out var csp), "no Content-Security-Policy header");
        Assert.Contains("default-src 'none'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.Empty(await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)).map(a => e.tagName + ' ' + a.name))"));

        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("ack-form-phone-390x844"), FullPage = true });
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    /// <summary>A page that collects console errors and uncaught page errors into <paramref name="errors"/>.</summary>
    internal static async Task<IPage> OpenAsync(IBrowserContext context, List<string> errors)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add($"{message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add("page error: " + error);
            }
        };
        return page;
    }

    /// <summary>Chromium logs an error status of the document itself ("Failed to load resource"); nothing else is expected.</summary>
    private static void AssertOnlyStatusErrors(List<string> errors, int status) =>
        Assert.All(errors, e => Assert.Contains($"the server responded with a status of {status}", e));

    internal static async Task<IResponse> AcknowledgeAsync(IPage page, string name)
    {
        await page.GetByLabel("Your name").FillAsync(name);
        return await PressAcknowledgeAsync(page);
    }

    /// <summary>
    /// Presses the button and waits for the answer page's status line. Waiting for the load state instead hung now
    /// and then (60 s) when the navigation's load event fired before the wait began.
    /// </summary>
    private static async Task<IResponse> PressAcknowledgeAsync(IPage page)
    {
        var posted = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge receipt" }).ClickAsync(),
            r => r.Request.Method == "POST");
        await page.Locator("p[role=status]").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 30_000 });
        return posted;
    }

    private static async Task<int> AcknowledgedCountAsync(NoticeFlow flow) =>
        (await EndToEndTests.ReadAsync(flow.App, flow.IncidentId)).GetProperty("noticeCounts").GetProperty("acknowledged").GetInt32();

    private static async Task<JsonElement> NoticeAsync(NoticeFlow flow) =>
        (await EndToEndTests.ReadAsync(flow.App, flow.IncidentId)).GetProperty("notices").EnumerateArray()
            .Single(n => n.GetProperty("contact").GetProperty("email").GetString() == flow.Notice.To);

    /// <summary>The app, a detection approved by the commander, its notices in the capture and one notice's link.</summary>
    internal sealed class NoticeFlow : IAsyncDisposable
    {
        private NoticeFlow(TestApp app, string incidentId, IReadOnlyList<CapturedMail> notices, CapturedMail notice)
        {
            App = app;
            IncidentId = incidentId;
            Notices = notices;
            Notice = notice;
            Link = AckPage.LinkIn(notice.Html!);
        }

        public TestApp App { get; }

        public string IncidentId { get; }

        public IReadOnlyList<CapturedMail> Notices { get; }

        /// <summary>The notice to legal@fabrikam.example (English).</summary>
        public CapturedMail Notice { get; }

        public string Link { get; }

        /// <summary>The generic sub-processor report: fabrikam (1 contact), woodgrove (2), llm-provider (1).</summary>
        public static async Task<NoticeFlow> StartAsync(
            AzuriteFixture azurite, TimeProvider? time = null, Action<Dictionary<string, string?>>? configure = null, string? detection = null, int notices = 4)
        {
            var app = await TestApp.StartAsync(azurite, configure, time);
            try
            {
                var ingest = await app.PostDetectionAsync(detection ?? TestApp.Fixture("generic-subprocessor-report.json"));
                Assert.True(ingest.StatusCode == HttpStatusCode.Accepted, await ingest.Content.ReadAsStringAsync());
                var incidentId = (await ingest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incidentId").GetString()!;
                var decision = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }));
                Assert.Equal(HttpStatusCode.OK, decision.StatusCode);

                // One notice per contact; the approval request to the commanders (ntc.example) may or may not have
                // gone out before the approval, so it is not counted.
                var sent = await NoticesAsync(app, notices);
                return new NoticeFlow(app, incidentId, sent, sent.Single(m => m.To == "legal@fabrikam.example"));
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }

        public ValueTask DisposeAsync() => App.DisposeAsync();

        internal static async Task<List<CapturedMail>> NoticesAsync(TestApp app, int count)
        {
            var deadline = DateTime.UtcNow + Wait;
            while (true)
            {
                var sent = app.Mail.Mails.Where(m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal)).ToList();
                if (sent.Count >= count || DateTime.UtcNow > deadline)
                {
                    Assert.True(sent.Count == count, $"Expected {count} notices within {Wait}, captured {sent.Count}.");
                    return sent;
                }

                await Task.Delay(50);
            }
        }
    }
}
