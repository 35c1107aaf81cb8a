using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Tests.Acknowledgements;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>
/// The commanders' console in headless Chromium on the real app (Kestrel, Azurite, SendGrid capture): the whole journey
/// from sign-in to the evidence, refusal without a session, accessibility basics and the commander's time zone.
/// Screenshots go to artifacts/screenshots (console-*.png).
/// </summary>
public sealed class ConsoleBrowserTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true };

    [Fact]
    public async Task Journey_SignIn_Queue_Incident_Approve_Progress_Export_Report()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ocsf = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        var splunkPost = await app.Http.PostAsync(
            $"/api/detections?source={TestApp.SplunkSource}&token={TestApp.SplunkToken}",
            new StringContent(TestApp.Fixture("splunk-webhook-vpn-bruteforce.json"), System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, splunkPost.StatusCode);
        var splunk = (await splunkPost.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("incidentId").GetString()!;
        var splunkStatus = (await ConsoleClient.ApiReadAsync(app, splunk)).GetProperty("status").GetString();

        await using var context = await browser.NewContextAsync(WithBase(app, Desktop));
        var errors = new List<string>();
        var page = await AcknowledgementPageBrowserTests.OpenAsync(context, errors);

        // Not signed in: the queue sends the browser to sign-in, and back after.
        await page.GotoAsync("/console");
        Assert.Equal("/console/signin", new Uri(page.Url).AbsolutePath);
        Assert.Contains("returnUrl=%2Fconsole", page.Url);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-signin"), FullPage = true });

        // A wrong key: refused, still signed out.
        await page.GetByLabel("Commander key").FillAsync("not-a-commander-key");
        var refused = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(401, refused.Status);
        Assert.Contains("That key is not a commander's key.", await page.GetByRole(AriaRole.Alert).InnerTextAsync());
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == ConsoleSession.CookieName);
        errors.Clear(); // Chromium logs the 401 of the document itself.
        await page.GotoAsync("/console");
        Assert.Equal("/console/signin", new Uri(page.Url).AbsolutePath);

        // The commander's key: back to the queue.
        await SignInAsync(page);
        Assert.Equal("/console", new Uri(page.Url).AbsolutePath);
        Assert.Contains("Signed in as ic-primary", await page.Locator("header").InnerTextAsync());

        // The queue: the incident awaiting a decision first, with its remaining time.
        var rows = page.Locator("tr.incident");
        Assert.Equal(ocsf, await rows.First.GetAttributeAsync("data-id"));
        var waiting = page.Locator("#queue-waiting tr.incident");
        Assert.Contains(ocsf, await waiting.Locator("td").First.InnerTextAsync());
        var countdown = await waiting.First.Locator(".countdown").InnerTextAsync();
        Assert.Matches(@"^in \d+ (d|h)( \d+ (h|min))?$", countdown);
        Assert.True(await rows.Filter(new() { Has = page.Locator($"a:text-is(\"{splunk}\")") }).CountAsync() == 1, "the Splunk incident is listed");
        if (splunkStatus != "AwaitingDecision")
        {
            Assert.Equal(1, await waiting.CountAsync());
            Assert.Equal(1, await page.Locator("#queue-others tr.incident").CountAsync());
        }

        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-queue"), FullPage = true });
        // On a desktop every column of the queue is in view: nothing hides behind a sideways scroll.
        foreach (var table in new[] { "#queue-waiting", "#queue-others" })
        {
            var widths = await page.Locator(table).EvaluateAsync<int[]>("t => [t.parentElement.scrollWidth, t.parentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"{table} is {widths[0]} px wide in a {widths[1]} px frame");
        }
        await AssertFitsAsync(page, 1280);

        // The incident: classification and rationale, parties and due times.
        await waiting.First.GetByRole(AriaRole.Link, new() { Name = ocsf }).ClickAsync();
        await page.WaitForURLAsync($"**/console/incidents/{ocsf}");
        Assert.Equal("Awaiting decision", await page.Locator("#status").InnerTextAsync());
        Assert.Equal("Personal data breach", await page.Locator("#verdict-text").InnerTextAsync());
        var rationale = page.Locator("ol.rationale li");
        Assert.True(await rationale.CountAsync() >= 1);
        Assert.True(await rationale.First.IsVisibleAsync());
        Assert.False(string.IsNullOrWhiteSpace(await rationale.First.InnerTextAsync()));
        Assert.Contains("contoso", await page.Locator("#customers").InnerTextAsync());
        Assert.Contains("cloud-host", await page.Locator("#subprocessors").InnerTextAsync());
        Assert.True(await page.Locator("#customers").IsVisibleAsync());
        var api = await ConsoleClient.ApiReadAsync(app, ocsf);
        var earliest = api.GetProperty("deadlines").EnumerateArray().Min(d => d.GetProperty("dueAt").GetDateTimeOffset());
        Assert.StartsWith(ConsoleTime.Format(earliest, TimeZoneInfo.Utc), await page.Locator("#earliest-due").InnerTextAsync());
        foreach (var d in api.GetProperty("deadlines").EnumerateArray())
        {
            var table = d.GetProperty("recipientId").GetString() == "cloud-host" ? "#subprocessors" : "#customers";
            var row = page.Locator($"{table} tbody tr").Filter(new() { HasText = d.GetProperty("recipientId").GetString() });
            Assert.Contains(ConsoleTime.Format(d.GetProperty("dueAt").GetDateTimeOffset(), TimeZoneInfo.Utc), await row.InnerTextAsync());
            Assert.True(await row.IsVisibleAsync());
        }

        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-incident-before-approval"), FullPage = true });

        // Edit the notices (collapsed until opened): the customer measures, saved through the form, shown back in it.
        const string Measures = "All API keys were rotated <at once> & the VPN closed.";
        Assert.False(await page.GetByLabel("Measures taken or proposed").IsVisibleAsync());
        await page.Locator("#edit-details > summary").ClickAsync();
        var measures = page.GetByLabel("Measures taken or proposed");
        Assert.Equal("", await measures.InputValueAsync());
        await measures.FillAsync(Measures);
        await page.Locator("form.notice-edits").ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-edit-form") });
        var save = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Save the notices' text" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(303, save.Status);
        await page.WaitForURLAsync($"**/console/incidents/{ocsf}?decided=edited");
        Assert.Contains("The notices' text is saved.", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());
        Assert.Equal(Measures, await page.GetByLabel("Measures taken or proposed").InputValueAsync());

        // The preview of the English contact: the text in <pre>, the HTML in a sandboxed frame, both with the edit.
        await page.Locator("#previews a").Filter(new() { HasText = "soc@contoso.example" }).ClickAsync();
        await page.WaitForURLAsync($"**/console/incidents/{ocsf}/preview?recipient=customer%3Acontoso%3A1");
        Assert.Contains(ocsf, await page.Locator("#preview-subject").InnerTextAsync());
        Assert.Contains(Measures, await page.Locator("#preview-text").InnerTextAsync());
        Assert.Equal("", await page.Locator("#preview-html").GetAttributeAsync("sandbox"));
        var frame = page.FrameLocator("#preview-html");
        await Assertions.Expect(frame.Locator("body")).ToContainTextAsync(Measures);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-notice-preview"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the incident" }).ClickAsync();
        await page.WaitForURLAsync($"**/console/incidents/{ocsf}");

        // The same session on a phone, before the decision: the queue and the incident fit 390 px.
        await using var phone = await browser.NewContextAsync(WithBase(app, new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            StorageState = await context.StorageStateAsync(),
        }));
        var small = await AcknowledgementPageBrowserTests.OpenAsync(phone, errors);
        await small.GotoAsync("/console");
        Assert.Equal("/console", new Uri(small.Url).AbsolutePath);
        await small.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-queue-phone-390x844"), FullPage = true });
        await AssertFitsAsync(small, 390);
        await small.GotoAsync($"/console/incidents/{ocsf}");
        await small.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-incident-phone-390x844"), FullPage = true });
        await AssertFitsAsync(small, 390);

        // Approve (the comment is optional; one is given).
        await page.GetByLabel("Comment (optional)").FillAsync("Confirmed exfiltration; notify.");
        var approve = page.GetByRole(AriaRole.Button, new() { Name = "Approve and send 3 notices" });
        var approved = await page.RunAndWaitForResponseAsync(() => approve.ClickAsync(), r => r.Request.Method == "POST");
        await page.WaitForURLAsync($"**/console/incidents/{ocsf}?decided=approve");
        Assert.Equal(303, approved.Status);
        Assert.Contains("Approved. The notices are going out.", await page.GetByRole(AriaRole.Status).First.InnerTextAsync());

        // The progress view reaches every recipient (bounded wait, by reloading the page).
        var deadline = DateTime.UtcNow + Wait;
        while (await SentAsync(page) != "3" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            await page.ReloadAsync();
        }

        Assert.Equal("3", await SentAsync(page));
        Assert.Equal("Sent: 3 of 3", await page.Locator("label[for=bar-sent]").InnerTextAsync());
        Assert.Equal("3", await page.Locator("#bar-sent").GetAttributeAsync("value"));
        Assert.Equal("3", await page.Locator("#bar-sent").GetAttributeAsync("max"));
        Assert.Equal("0", await page.Locator("#count-pending").InnerTextAsync());
        Assert.Equal(3, await page.Locator("#notices tr.notice[data-status=Sent]").CountAsync());
        Assert.Equal(0, await page.Locator("input[name=decision][value=approve]").CountAsync());
        // The progress chart: drawn on the server, every notice sent (the sent line ends at the top: 3 of 3).
        var chart = page.Locator("svg#notice-chart");
        Assert.True(await chart.IsVisibleAsync());
        Assert.Equal("Notices sent, delivered and acknowledged over time", await chart.Locator("title").TextContentAsync());
        Assert.EndsWith($",{NoticeProgressChartTests.TopY}", await chart.Locator("polyline[data-series=sent]").GetAttributeAsync("points"));
        Assert.True((await chart.BoundingBoxAsync())!.Width > 300);
        await chart.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-notice-chart") });
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-progress-after-approval"), FullPage = true });
        await small.GotoAsync($"/console/incidents/{ocsf}");
        await small.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-progress-phone-390x844"), FullPage = true });
        await AssertFitsAsync(small, 390);
        var notices = await AcknowledgementPageBrowserTests.NoticeFlow.NoticesAsync(app, 3);
        Assert.Equal(["privacy@contoso.example", "secresponse@cloud-host.example", "soc@contoso.example"], notices.Select(m => m.To).Order().ToArray());
        Assert.All(notices, m => Assert.Contains(ocsf, m.Subject + m.Html));
        Assert.Contains(Measures, notices.Single(m => m.To == "soc@contoso.example").Text);
        Assert.Contains("All API keys were rotated &lt;at once&gt; &amp; the VPN closed.", notices.Single(m => m.To == "soc@contoso.example").Html);

        // The JSON export, downloaded by clicking its link, equals the API's view.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "JSON", Exact = true }).ClickAsync());
        Assert.Equal($"incident-{ocsf}.json", download.SuggestedFilename);
        var exported = JsonNode.Parse(await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken))!;
        var now = JsonNode.Parse((await ConsoleClient.ApiReadAsync(app, ocsf)).GetRawText())!;
        Assert.Equal(ocsf, (string?)exported["id"]);
        Assert.Equal("Approved", (string?)exported["status"]);
        Assert.Equal(
            now["notices"]!.AsArray().Select(n => (string?)n!["noticeId"]).Order(),
            exported["notices"]!.AsArray().Select(n => (string?)n!["noticeId"]).Order());
        Assert.True(JsonNode.DeepEquals(now, exported), exported.ToJsonString());

        // The session's own request context (same cookies) gets the same; the notices CSV too.
        var viaSession = await page.APIRequest.GetAsync($"/console/incidents/{ocsf}/export.json");
        Assert.Equal(200, viaSession.Status);
        Assert.True(JsonNode.DeepEquals(now, JsonNode.Parse(await viaSession.TextAsync())));
        var csv = await page.APIRequest.GetAsync($"/console/incidents/{ocsf}/notices.csv");
        Assert.Equal(4, (await csv.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        // The printable report lists the timeline.
        await page.GetByRole(AriaRole.Link, new() { Name = "printable report" }).ClickAsync();
        // The document, not its load event: a fresh clone's run once saw the URL and network idle but no load event in 60 s.
        await page.WaitForURLAsync($"**/console/incidents/{ocsf}/report", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.StartsWith("Incident report: ", await page.Locator("h1").InnerTextAsync());
        var timeline = now["timeline"]!.AsArray();
        Assert.Equal(timeline.Count, await page.Locator("#timeline tr.timeline-entry").CountAsync());
        var kinds = await page.Locator("#timeline td.kind").AllInnerTextsAsync();
        Assert.Equal(timeline.Select(t => (string)t!["kind"]!), kinds);
        Assert.Contains("approved", kinds);
        Assert.Contains("approved by commander:ic-primary", await page.Locator("#decision-list").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-report"), FullPage = true });

        // The register lists both incidents.
        await page.GotoAsync("/console/register");
        Assert.Equal(2, await page.Locator("#register tr.incident").CountAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-register"), FullPage = true });
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task WithoutSignIn_EveryConsolePageLeadsToSignIn_ShowsNoIncidentData_AndAStaleDecisionFormIsRefused()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        var view = await ConsoleClient.ApiReadAsync(app, incidentId);
        var title = view.GetProperty("title").GetString()!;
        var gets = ((IEndpointRouteBuilder)app.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("/console", StringComparison.Ordinal) && r != "/console/signin")
            .Distinct()
            .ToList();
        Assert.True(gets.Count >= 8, string.Join(", ", gets));

        await using var context = await browser.NewContextAsync(WithBase(app, Desktop));
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        foreach (var route in gets)
        {
            var path = route.Replace("{id}", incidentId, StringComparison.Ordinal);
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status is 200 or 401, $"{path}: {response.Status}");
            Assert.True(new Uri(page.Url).AbsolutePath == "/console/signin", $"{path} ended on {page.Url}");
            Assert.Equal("Incident commanders' console", await page.Locator("h1").InnerTextAsync());
            Assert.True(await page.GetByLabel("Commander key").IsVisibleAsync(), path);
            Assert.Equal(0, await page.Locator("header").CountAsync());
            var text = await page.Locator("body").InnerTextAsync();
            var html = await page.ContentAsync();
            foreach (var secret in new[] { incidentId, title, "contoso", "cloud-host", "privacy@", "Rationale" })
            {
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            }

            Assert.DoesNotContain(title, html, StringComparison.Ordinal);
            Assert.DoesNotContain("contoso", html, StringComparison.OrdinalIgnoreCase);
        }

        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-refused-signin"), FullPage = true });

        // A decision form left open across a sign-out (in another tab) is refused when pressed; nothing changes.
        await SignInAsync(page);
        await page.GotoAsync($"/console/incidents/{incidentId}");
        var other = await context.NewPageAsync();
        await other.GotoAsync("/console");
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await other.WaitForURLAsync("**/console/signin");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == ConsoleSession.CookieName);

        var stale = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Approve and send 3 notices" }).ClickAsync(),
            r => r.Request.Method == "POST");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Not signed in" }).WaitForAsync(new() { Timeout = 30_000 }); // not the load state: its event can fire before the wait begins
        Assert.Equal(401, stale.Status);
        Assert.Equal("Not signed in", await page.Locator("h1").InnerTextAsync());
        Assert.DoesNotContain(title, await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-stale-decision-refused"), FullPage = true });

        var after = await ConsoleClient.ApiReadAsync(app, incidentId);
        Assert.Equal("AwaitingDecision", after.GetProperty("status").GetString());
        Assert.DoesNotContain(after.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "approved");
        Assert.Equal(0, after.GetProperty("notices").GetArrayLength());
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(app.Mail.Mails, m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConsolePages_HaveAccessibilityAndSecurityBasics()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        await using var context = await browser.NewContextAsync(WithBase(app, Desktop));
        var errors = new List<string>();
        var page = await AcknowledgementPageBrowserTests.OpenAsync(context, errors);

        var signIn = await page.GotoAsync("/console/signin");
        await AssertBasicsAsync(page, signIn!, "/console/signin");
        await SignInAsync(page);
        foreach (var path in new[] { "/console", $"/console/incidents/{incidentId}", "/console/register", "/console/deadletters", $"/console/incidents/{incidentId}/report" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await AssertBasicsAsync(page, response, path);
        }

        // The countdown script loads and runs under the CSP (a violation would be a console error).
        await page.GotoAsync("/console");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task TimeZoneForm_Berlin_ShowsAwarenessWithTheOffsetInForceThen()
    {
        // Aware half an hour before Berlin's clocks go back: summer time (+02:00) then, winter time (+01:00) for every due time.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(azurite, time: time);
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        await using var context = await browser.NewContextAsync(WithBase(app, Desktop));
        var errors = new List<string>();
        var page = await AcknowledgementPageBrowserTests.OpenAsync(context, errors);
        await SignInAsync(page, $"/console/incidents/{incidentId}");
        Assert.Equal($"/console/incidents/{incidentId}", new Uri(page.Url).AbsolutePath);
        Assert.Equal("2026-10-25 00:30 UTC", await page.Locator("#aware").InnerTextAsync());
        Assert.Equal("UTC", await page.GetByLabel("Time zone").InputValueAsync());

        await page.GetByLabel("Time zone").FillAsync("Europe/Berlin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/console/incidents/{incidentId}");
        await page.WaitForLoadStateAsync();

        Assert.Equal("Europe/Berlin", await page.GetByLabel("Time zone").InputValueAsync());
        Assert.Equal("2026-10-25 02:30 UTC+02:00", await page.Locator("#aware").InnerTextAsync());
        Assert.Equal(Berlin.DaylightName, await page.Locator("#aware time").GetAttributeAsync("title"));
        var due = (await ConsoleClient.ApiReadAsync(app, incidentId)).GetProperty("deadlines").EnumerateArray().Min(d => d.GetProperty("dueAt").GetDateTimeOffset());
        var dueText = await page.Locator("#earliest-due time").InnerTextAsync();
        Assert.Equal(ConsoleTime.Format(due, Berlin), dueText);
        Assert.EndsWith("UTC+01:00", dueText);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("console-incident-berlin"), FullPage = true });

        // The zone sticks for the session's other pages; the printable report stays in UTC.
        await page.GotoAsync("/console");
        Assert.Contains("Times in Europe/Berlin", await page.Locator("main").InnerTextAsync());
        Assert.Contains("2026-10-25 02:30 UTC+02:00", await page.Locator("#queue-waiting").InnerTextAsync());
        await page.GotoAsync($"/console/incidents/{incidentId}/report");
        Assert.Contains("2026-10-25 00:30:00 UTC", await page.Locator("dl.facts").First.InnerTextAsync());

        // An unknown zone is refused with a page saying so; the cookie keeps Berlin.
        await page.GotoAsync("/console");
        await page.GetByLabel("Time zone").FillAsync("Mars/Olympus_Mons");
        var unknown = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Set", Exact = true }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, unknown.Status);
        Assert.Equal("Unknown time zone", await page.Locator("h1").InnerTextAsync());
        await page.GotoAsync($"/console/incidents/{incidentId}");
        Assert.Equal("2026-10-25 02:30 UTC+02:00", await page.Locator("#aware").InnerTextAsync());
        Assert.All(errors, e => Assert.Contains("status of 400", e));
    }

    internal static BrowserNewContextOptions WithBase(TestApp app, BrowserNewContextOptions options) =>
        new(options) { BaseURL = app.BaseAddress.ToString().TrimEnd('/') };

    /// <summary>Sign in through the form (going to <paramref name="returnTo"/> first, which redirects to sign-in).</summary>
    internal static async Task SignInAsync(IPage page, string returnTo = "/console")
    {
        await page.GotoAsync(returnTo);
        Assert.Equal("/console/signin", new Uri(page.Url).AbsolutePath);
        await page.GetByLabel("Commander key").FillAsync(TestApp.CommanderKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath != "/console/signin");
        await page.WaitForLoadStateAsync();
    }

    private static async Task<string?> SentAsync(IPage page) =>
        await page.Locator("#count-sent").CountAsync() == 0 ? null : await page.Locator("#count-sent").InnerTextAsync();

    private static async Task AssertFitsAsync(IPage page, int width)
    {
        // Against the device width, not innerWidth: a mobile browser widens its layout viewport to fit wide content.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") - width;
        var culprits = overflow <= 0 ? [] : await page.EvaluateAsync<string[]>(
            "w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w && !e.closest('.scroll')).slice(0, 5).map(e => e.tagName + ' ' + e.className + ': ' + e.textContent.slice(0, 60))", width);
        Assert.True(overflow <= 0, $"{page.Url} overflows a {width} px viewport by {overflow} px: {string.Join(" | ", culprits)}");
    }

    private static async Task AssertBasicsAsync(IPage page, IResponse response, string path)
    {
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("width=device-width", await page.Locator("meta[name=viewport]").GetAttributeAsync("content"));
        Assert.False(string.IsNullOrWhiteSpace(await page.TitleAsync()), path);
        Assert.True(await page.Locator("h1").CountAsync() == 1, $"{path}: one h1");
        var levels = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])");
        Assert.Equal(1, levels[0]);
        for (var i = 1; i < levels.Length; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"{path}: heading level jumps from h{levels[i - 1]} to h{levels[i]}");
        }

        var unlabelled = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('input:not([type=hidden]), textarea, select, progress')].filter(e => !e.labels || e.labels.length === 0 || !e.labels[0].textContent.trim()).map(e => e.outerHTML)");
        Assert.True(unlabelled.Length == 0, $"{path}: unlabelled {string.Join(", ", unlabelled)}");
        var nameless = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('button, a')].filter(e => !(e.getAttribute('aria-label') || e.textContent).trim()).map(e => e.outerHTML)");
        Assert.True(nameless.Length == 0, $"{path}: no accessible name {string.Join(", ", nameless)}");
        var duplicateIds = await page.EvaluateAsync<string[]>(
            "() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id); return ids.filter((id, i) => ids.indexOf(id) !== i); }");
        Assert.True(duplicateIds.Length == 0, $"{path}: duplicate ids {string.Join(", ", duplicateIds)}");
        Assert.Empty(await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('th')].filter(t => !t.textContent.trim()).map(t => t.outerHTML)"));

        var headers = await response.AllHeadersAsync();
        Assert.True(headers.TryGetValue("content-security-policy", out var csp), $"{path}: no Content-Security-Policy header");
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        var inlineScripts = await page.EvaluateAsync<int>("() => [...document.scripts].filter(s => !s.src || s.textContent.trim()).length");
        Assert.True(inlineScripts == 0, $"{path}: inline script");
        Assert.Equal(0, await page.Locator("style, [style]").CountAsync());
        Assert.Empty(await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)).map(a => e.tagName + ' ' + a.name))"));
        Assert.All(await page.Locator("script[src]").EvaluateAllAsync<string[]>("s => s.map(x => new URL(x.src).origin)"), o => Assert.Equal(new Uri(page.Url).GetLeftPart(UriPartial.Authority), o));
    }
}
