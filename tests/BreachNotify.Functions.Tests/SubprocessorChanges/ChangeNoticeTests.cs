using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.SubprocessorChanges;

/// <summary>
/// Sub-processor change notices through the breach notices' engine, against the real app, Azurite and the mail capture,
/// on the sample directory (four customers use core-platform; contoso reads German and has a 30-day window, woodgrove 10 days).
/// </summary>
public sealed class ChangeNoticeTests(AzuriteFixture azurite)
{
    private const string Path = "/api/subprocessor-changes";
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Frozen = ["dpo@tailspin.example", "legal@fabrikam.example", "privacy@contoso.example", "privacy@woodgrove.example"];

    [Fact]
    public async Task Approve_SendsOneNoticePerFrozenRecipient_InItsLanguage_WithTheChangeAndItsWindow()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var id = await AnnounceAndApproveAsync(app);

        var mails = await app.WaitForMailsAsync(m => m.Subject.Contains(id, StringComparison.Ordinal), count: 4);
        await Task.Delay(500, Ct);

        Assert.Equal(Frozen, app.NoticeMails.Select(m => m.To).Order());
        var german = mails.Single(m => m.To == "privacy@contoso.example");
        Assert.StartsWith("Änderung der Unterauftragsverarbeiter von Northwind Talent Cloud: Example Relay", german.Subject, StringComparison.Ordinal);
        Assert.Contains("An: Contoso GmbH", german.Text, StringComparison.Ordinal);
        Assert.Contains("Einspruch möglich bis: 01.01.2027 09:00 UTC", german.Text, StringComparison.Ordinal);
        Assert.Contains("Wirksam ab: 31.01.2027 09:00 UTC", german.Text, StringComparison.Ordinal);
        var english = mails.Single(m => m.To == "privacy@woodgrove.example");
        Assert.Contains("To: Woodgrove Bank", english.Text, StringComparison.Ordinal);
        Assert.Contains("Sub-processor: Example Relay", english.Text, StringComparison.Ordinal);
        Assert.Contains("Legal entity: Example Relay Ltd", english.Text, StringComparison.Ordinal);
        Assert.Contains("Purpose: Transactional email", english.Text, StringComparison.Ordinal);
        Assert.Contains("Location: IE", english.Text, StringComparison.Ordinal);
        Assert.Contains("You may object until: 12 Dec 2026 09:00 UTC", english.Text, StringComparison.Ordinal);
        Assert.Contains("To Woodgrove Bank:", english.Html, StringComparison.Ordinal);
        Assert.Equal(TextLink(english.Text!), AckLink(english.Html!));
        Assert.Contains($"{id}/n0000", english.CustomArgs["notice_ref"], StringComparison.Ordinal);

        var notices = await WaitForNoticesAsync(app, id, n => Has(n, "sentAt"));
        Assert.Equal(Frozen, notices.Select(n => n.GetProperty("email").GetString()).Order());
        var woodgrove = notices.Single(n => n.GetProperty("customerId").GetString() == "woodgrove");
        Assert.Equal(Start.AddDays(10), woodgrove.GetProperty("windowClosesAt").GetDateTimeOffset());
        Assert.Equal("customer:woodgrove:0", woodgrove.GetProperty("recipientId").GetString());
        Assert.Contains(woodgrove.GetProperty("status").GetString(), new[] { "Sent", "Delivered" });
    }

    [Fact]
    public async Task Link_GetRecordsNothing_AcknowledgeRecordsTheCustomersConsent()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var id = await AnnounceAndApproveAsync(app);
        var link = await LinkOfAsync(app, id, "legal@fabrikam.example");
        using var browser = Browser();

        var page = await browser.GetStringAsync(link, Ct);
        await browser.GetStringAsync(link, Ct);

        Assert.Contains("Acknowledge the change", page, StringComparison.Ordinal);
        Assert.Contains("Object to the change", page, StringComparison.Ordinal);
        Assert.Contains("Example Relay Ltd", page, StringComparison.Ordinal);
        Assert.Empty((await ReadAsync(app, id)).GetProperty("consents").EnumerateArray());
        Assert.All(Notices(await ReadAsync(app, id)), n => Assert.False(Has(n, "acknowledgedAt")));

        using var answer = await PostAsync(browser, link, page, "acknowledge", "Fay Legal");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var read = await ReadAsync(app, id);
        var consent = Assert.Single(read.GetProperty("consents").EnumerateArray());
        Assert.Equal("fabrikam", consent.GetProperty("customerId").GetString());
        Assert.Equal("acknowledged", consent.GetProperty("basis").GetString());
        var notice = Notices(read).Single(n => n.GetProperty("customerId").GetString() == "fabrikam");
        Assert.Equal("Fay Legal", notice.GetProperty("acknowledgedBy").GetString());
        Assert.Equal("Acknowledged", notice.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Link_ObjectWithoutReason_Answers400AndRecordsNothing_WithReason_RecordsItOnTheChangeAndSendsTheReceipt()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        var id = await AnnounceAndApproveAsync(app);
        var link = await LinkOfAsync(app, id, "dpo@tailspin.example");
        time.Advance(TimeSpan.FromDays(2));
        using var browser = Browser();
        var page = await browser.GetStringAsync(link, Ct);

        using var noReason = await PostAsync(browser, link, page, "object", "Dee Po", reason: "  ");

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Empty((await ReadAsync(app, id)).GetProperty("objections").EnumerateArray());

        using var objected = await PostAsync(browser, link, page, "object", "Dee Po", reason: "Our data must stay in the EU <b>now</b>");

        Assert.Equal(HttpStatusCode.OK, objected.StatusCode);
        var read = await ReadAsync(app, id);
        var objection = Assert.Single(read.GetProperty("objections").EnumerateArray());
        Assert.Equal("tailspin", objection.GetProperty("customerId").GetString());
        Assert.Equal("Our data must stay in the EU <b>now</b>", objection.GetProperty("reason").GetString());
        Assert.Equal(Start.AddDays(2), objection.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("contact:Dee Po", objection.GetProperty("by").GetString());
        var notice = Notices(read).Single(n => n.GetProperty("customerId").GetString() == "tailspin");
        Assert.Equal(Start.AddDays(2), notice.GetProperty("objectedAt").GetDateTimeOffset());
        var receipt = Assert.Single(await app.WaitForMailsAsync(m => m.Subject.StartsWith("Objection received", StringComparison.Ordinal)));
        Assert.Equal("dpo@tailspin.example", receipt.To);
        Assert.Contains("Your reason: Our data must stay in the EU <b>now</b>", receipt.Text, StringComparison.Ordinal);
        Assert.Contains("EU &lt;b&gt;now&lt;/b&gt;", receipt.Html, StringComparison.Ordinal);
        Assert.Contains("To: Tailspin Toys", receipt.Text, StringComparison.Ordinal);

        // The page now shows the objection and offers no second one; posting again records nothing more.
        var after = await browser.GetStringAsync(link, Ct);
        Assert.Contains("Objection recorded", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Object to the change", after, StringComparison.Ordinal);
        await Task.Delay(500, Ct);
        Assert.Single(app.Mail.Mails, m => m.Subject.StartsWith("Objection received", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Link_PostWithoutTheFormsAntiforgeryToken_Answers400AndRecordsNothing()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var id = await AnnounceAndApproveAsync(app);
        var link = await LinkOfAsync(app, id, "legal@fabrikam.example");
        using var browser = Browser();

        using var forged = await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["action"] = "object", ["name"] = "Mallory", ["reason"] = "forged" }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var read = await ReadAsync(app, id);
        Assert.Empty(read.GetProperty("objections").EnumerateArray());
        Assert.Empty(read.GetProperty("consents").EnumerateArray());
    }

    [Fact]
    public async Task Link_ObjectionAfterAnAcknowledgementWithinTheWindow_ReplacesTheConsent()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        var id = await AnnounceAndApproveAsync(app);
        var link = await LinkOfAsync(app, id, "privacy@contoso.example");
        await AcknowledgeAsync(link, "Carla Privacy");
        Assert.Single((await ReadAsync(app, id)).GetProperty("consents").EnumerateArray());
        time.Advance(TimeSpan.FromDays(5));
        using var browser = Browser();
        var page = await browser.GetStringAsync(link, Ct);

        using var objected = await PostAsync(browser, link, page, "object", "Carla Privacy", reason: "our works council disagrees");

        Assert.Equal(HttpStatusCode.OK, objected.StatusCode);
        var read = await ReadAsync(app, id);
        Assert.Empty(read.GetProperty("consents").EnumerateArray());
        Assert.Equal(Start.AddDays(5), Assert.Single(read.GetProperty("objections").EnumerateArray()).GetProperty("at").GetDateTimeOffset());
        var receipt = Assert.Single(await app.WaitForMailsAsync(m => m.Subject.StartsWith("Einspruch erhalten", StringComparison.Ordinal)));
        Assert.Equal("privacy@contoso.example", receipt.To);
        Assert.Contains("Ihre Begründung: our works council disagrees", receipt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_AfterTheWindowClosed_ShowsItClosed_AndAnswers409RecordingNothing()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        var id = await AnnounceAndApproveAsync(app);
        var link = await LinkOfAsync(app, id, "privacy@woodgrove.example");
        using var browser = Browser();
        var page = await browser.GetStringAsync(link, Ct);
        time.Advance(TimeSpan.FromDays(10) + TimeSpan.FromMinutes(1));

        var closed = await browser.GetStringAsync(link, Ct);
        using var objected = await PostAsync(browser, link, page, "object", "Pri Vacy", reason: "too late");
        using var acknowledged = await PostAsync(browser, link, page, "acknowledge", "Pri Vacy");

        Assert.Contains("The window to object closed on 12 Dec 2026 09:00 UTC", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", closed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, objected.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, acknowledged.StatusCode);
        Assert.Contains("Nothing was recorded", await objected.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var read = await ReadAsync(app, id);
        Assert.Empty(read.GetProperty("objections").EnumerateArray());
        // The sweep records the silence as consent, with that basis; the late answer changed nothing.
        Assert.All(read.GetProperty("consents").EnumerateArray(), c => Assert.Equal("no-objection-in-window", c.GetProperty("basis").GetString()));
        Assert.All(Notices(read), n => Assert.False(Has(n, "acknowledgedAt")));
    }

    [Fact]
    public async Task Withdraw_AfterApproval_SendsTheWithdrawalNoticeToEveryoneNotified_Once()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var id = await AnnounceAndApproveAsync(app);
        await app.WaitForMailsAsync(m => m.Subject.StartsWith("Sub-processor change", StringComparison.Ordinal) || m.Subject.StartsWith("Änderung", StringComparison.Ordinal), count: 4);
        await WaitForNoticesAsync(app, id, n => Has(n, "sentAt"));

        using var withdraw = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/decision", new { decision = "withdraw", comment = "vendor fell through" }), Ct);
        Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);

        var withdrawn = await app.WaitForMailsAsync(m => m.Subject.StartsWith("Withdrawn", StringComparison.Ordinal) || m.Subject.StartsWith("Zurückgezogen", StringComparison.Ordinal), count: 4);
        await app.Services.GetRequiredService<WorkItemHandler>().HandleAsync(new WorkItem(WorkItemKind.Withdrawal, id, Matter: MatterKind.SubprocessorChange), Ct);
        await Task.Delay(500, Ct);

        Assert.Equal(Frozen, withdrawn.Select(m => m.To).Order());
        Assert.Equal(4, app.Mail.Mails.Count(m => m.Subject.StartsWith("Withdrawn", StringComparison.Ordinal) || m.Subject.StartsWith("Zurückgezogen", StringComparison.Ordinal)));
        Assert.Contains("To: Fabrikam Inc.", withdrawn.Single(m => m.To == "legal@fabrikam.example").Text, StringComparison.Ordinal);
        Assert.All(Notices(await ReadAsync(app, id)), n => Assert.True(Has(n, "withdrawalSentAt")));
    }

    [Fact]
    public async Task Reminders_GoToSilentCustomersBeforeTheWindowCloses_ThenTheSilenceIsEscalatedToThePrivacyTeam()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time, s => s["Workflow:MaxAckReminders"] = "1");
        var id = await AnnounceAndApproveAsync(app);
        var link = await LinkOfAsync(app, id, "legal@fabrikam.example");
        await WaitForNoticesAsync(app, id, n => Has(n, "sentAt"));
        await AcknowledgeAsync(link, "Fay Legal");
        var handler = app.Services.GetRequiredService<WorkItemHandler>();
        var round = new WorkItem(WorkItemKind.AckReminder, id, Batch: 0, Sequence: 0, Matter: MatterKind.SubprocessorChange);

        await handler.HandleAsync(round, Ct);
        await handler.HandleAsync(round, Ct);

        var reminders = app.Mail.Mails.Where(m => m.Subject.Contains("Reminder", StringComparison.Ordinal) || m.Subject.StartsWith("Erinnerung", StringComparison.Ordinal)).ToList();
        Assert.Equal(["dpo@tailspin.example", "privacy@contoso.example", "privacy@woodgrove.example"], reminders.Select(m => m.To).Order());
        Assert.Contains("Your window to object closes on 12 Dec 2026 09:00 UTC", reminders.Single(m => m.To == "privacy@woodgrove.example").Text, StringComparison.Ordinal);
        Assert.Contains("Ihre Einspruchsfrist endet am 01.01.2027 09:00 UTC", reminders.Single(m => m.To == "privacy@contoso.example").Text, StringComparison.Ordinal);
        // The link in a reminder works like the notice's.
        Assert.Equal(HttpStatusCode.OK, (await AcknowledgeAsync(AckLink(reminders.Single(m => m.To == "dpo@tailspin.example").Html!), "Dee Po")).StatusCode);

        await handler.HandleAsync(round with { Sequence = 1 }, Ct);

        var escalation = Assert.Single(app.Mail.Mails, m => m.Subject.StartsWith("Unanswered sub-processor change notices", StringComparison.Ordinal) && m.To == "ic@ntc.example");
        Assert.Contains("2 notice(s)", escalation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReminderInterval_IsTheShortestWindowInParts_SoEveryRoundFallsBeforeItCloses()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time, s => s["Workflow:MaxAckReminders"] = "3");
        var id = await AnnounceAndApproveAsync(app);

        var matter = await app.Services.GetRequiredService<NoticeSources>().For(MatterKind.SubprocessorChange).LoadSendingAsync(id, Ct);

        // Woodgrove's 10 days in five parts: three reminders and the escalation all before day 10.
        Assert.Equal(TimeSpan.FromDays(2), matter!.ReminderInterval(0));
    }

    [Fact]
    public async Task Approval_WhoseDispatchWasLost_IsSweptOut_ToTheFrozenRecipients_ThoughTheDirectoryChangedSince()
    {
        var time = new FakeTimeProvider(Start);
        string id, prefix;
        await using (var first = await StartAsync(time, s => s["Workflow:RunWorkers"] = "false"))
        {
            id = await AnnounceAndApproveAsync(first);
            prefix = first.Prefix;
            // As if the process died between the approval's write and its queue message: the message is gone.
            await first.Services.GetRequiredService<BreachNotify.Adapters.Tables.StorageClients>().WorkflowQueue.ClearMessagesAsync(Ct);
        }

        // The directory changes after approval: Fabrikam has a new privacy contact, Tailspin a new name and a second privacy contact.
        var sample = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.File("samples", "directory.sample.json"), Ct))!;
        var customers = sample["customers"]!.AsArray();
        customers.Single(c => (string?)c!["id"] == "fabrikam")!["contacts"]![0]!["email"] = "new-privacy@fabrikam.example";
        var tailspin = customers.Single(c => (string?)c!["id"] == "tailspin")!;
        tailspin["name"] = "Tailspin Renamed";
        tailspin["contacts"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{"name":"Second","email":"second@tailspin.example","role":"privacy","locale":"en-US"}"""));
        var changed = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"directory-changed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(changed, sample.ToJsonString(), Ct);
        time.Advance(TimeSpan.FromMinutes(1));

        await using var second = await StartAsync(time, s =>
        {
            s["Storage:Prefix"] = prefix;
            s["Directory:Path"] = changed;
        });
        // The sweep (here at once; on its interval in a running app) finds the owed fan-out and queues it.
        await second.Services.GetRequiredService<OutboxSweeper>().SweepAsync(Ct);
        var mails = await second.WaitForMailsAsync(m => m.Subject.Contains(id, StringComparison.Ordinal), count: 4);
        await Task.Delay(1000, Ct);

        Assert.Equal(Frozen, second.NoticeMails.Select(m => m.To).Order());
        Assert.Contains("To: Tailspin Toys", mails.Single(m => m.To == "dpo@tailspin.example").Text, StringComparison.Ordinal);
        await WaitForNoticesAsync(second, id, n => Has(n, "sentAt"));
    }

    [Fact]
    public async Task DeliveryEvents_ForChangeNotices_SetDeliveredAndBounced_AndTheBounceAlertLinksTheChange()
    {
        using var sendGrid = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time, s => s["SendGrid:EventWebhookPublicKey"] = Convert.ToBase64String(sendGrid.ExportSubjectPublicKeyInfo()));
        var id = await AnnounceAndApproveAsync(app);
        var mails = await app.WaitForMailsAsync(m => m.Subject.Contains(id, StringComparison.Ordinal), count: 4);
        await WaitForNoticesAsync(app, id, n => Has(n, "sentAt"));
        var at = time.GetUtcNow().ToUnixTimeSeconds();
        object Event(string kind, string to) => new Dictionary<string, object>
        {
            ["email"] = to,
            ["timestamp"] = at,
            ["event"] = kind,
            ["sg_event_id"] = Guid.NewGuid().ToString("N"),
            ["notice_ref"] = mails.Single(m => m.To == to).CustomArgs["notice_ref"],
            ["attempt"] = "1",
        };
        var body = JsonSerializer.Serialize(new[] { Event("delivered", "privacy@woodgrove.example"), Event("bounce", "dpo@tailspin.example") });
        var timestamp = at.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, BreachNotify.Functions.Delivery.DeliveryEventEndpoints.Route) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(EventWebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(EventWebhookSignature.SignatureHeader,
            EventWebhookSignature.Sign(sendGrid, timestamp, System.Text.Encoding.UTF8.GetBytes(body)));

        using var response = await app.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notices = Notices(await ReadAsync(app, id));
        Assert.Equal("Delivered", notices.Single(n => n.GetProperty("customerId").GetString() == "woodgrove").GetProperty("status").GetString());
        Assert.Equal(Start, notices.Single(n => n.GetProperty("customerId").GetString() == "woodgrove").GetProperty("deliveredAt").GetDateTimeOffset());
        Assert.Equal("Bounced", notices.Single(n => n.GetProperty("customerId").GetString() == "tailspin").GetProperty("status").GetString());
        var alert = (await app.WaitForMailsAsync(m => m.To == "ic@ntc.example" && m.Subject.StartsWith("Notice not delivered", StringComparison.Ordinal))).Single();
        Assert.Equal($"Notice not delivered: Tailspin Toys (tailspin), sub-processor change {id}", alert.Subject);
        Assert.Contains($"of sub-processor change {id} to customer Tailspin Toys", alert.Text, StringComparison.Ordinal);
        Assert.Contains($"Change: ", alert.Text, StringComparison.Ordinal);
        Assert.Contains($"/console/changes/{id}", alert.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("incident", alert.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WorkItem_WithoutAMatterKind_IsAnIncidents_AndAChangeItemWithAnIncidentId_IsMalformed()
    {
        var old = System.Text.Json.JsonSerializer.Deserialize<WorkItem>("""{"kind":"fanOut","incidentId":"inc-0123456789abcdef0123","batch":0}""", BreachNotify.DomainJson.Options)!;
        Assert.Equal(MatterKind.Incident, old.Matter);
        Assert.Equal(WorkItemKind.FanOut, old.Kind);

        await using var app = await StartAsync(new FakeTimeProvider(Start), s => s["Workflow:RunWorkers"] = "false");
        var handler = app.Services.GetRequiredService<WorkItemHandler>();

        await Assert.ThrowsAsync<InvalidDataException>(() => handler.HandleAsync(old with { Matter = MatterKind.SubprocessorChange }, Ct));
        await Assert.ThrowsAsync<InvalidDataException>(() => handler.HandleAsync(new WorkItem(WorkItemKind.Timer, "spc-0123456789abcdef0123", Matter: MatterKind.SubprocessorChange), Ct));
        await Assert.ThrowsAsync<InvalidDataException>(() => handler.HandleAsync(new WorkItem(WorkItemKind.Withdrawal, "inc-0123456789abcdef0123"), Ct));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<TestApp> StartAsync(FakeTimeProvider time, Action<Dictionary<string, string?>>? configure = null) =>
        TestApp.StartAsync(azurite, configure, time);

    private static async Task<string> AnnounceAndApproveAsync(TestApp app)
    {
        var change = new
        {
            kind = "add",
            subprocessor = new { id = "example-relay", name = "Example Relay", entity = "Example Relay Ltd", purpose = "Transactional email", location = "IE" },
            services = new[] { "core-platform" },
            effectiveAt = Start.AddDays(60),
            comment = "new vendor",
        };
        using var announced = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, Path, change), Ct);
        Assert.Equal(HttpStatusCode.Created, announced.StatusCode);
        var id = (await announced.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        using var approved = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/decision", new { decision = "approve" }), Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        return id;
    }

    private static async Task<Uri> LinkOfAsync(TestApp app, string id, string to)
    {
        var mail = (await app.WaitForMailsAsync(m => m.To == to && m.Subject.Contains(id, StringComparison.Ordinal))).First();
        return AckLink(mail.Html!);
    }

    private static Uri AckLink(string html) => new(AckPage.LinkIn(html));

    /// <summary>The link as the plain-text part writes it: the one word that is an acknowledgement URL.</summary>
    private static Uri TextLink(string text) =>
        new(text.Split([' ', '\n', '\r', '\t', '<', '>', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Single(w => w.Contains("/ack/", StringComparison.Ordinal)).TrimEnd('.', ','));

    private static async Task<HttpResponseMessage> AcknowledgeAsync(Uri link, string name)
    {
        using var browser = Browser();
        var page = await browser.GetStringAsync(link, Ct);
        var response = await PostAsync(browser, link, page, "acknowledge", name);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    /// <summary>Posts one of the page's forms as a browser without script would (its antiforgery field, the cookie of the same client).</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, Uri link, string page, string action, string name, string? reason = null)
    {
        var field = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page).QuerySelector("form input[type=hidden][name^='__']");
        Assert.True(field is not null, "the page has no form");
        var form = new Dictionary<string, string> { [field.GetAttribute("name")!] = field.GetAttribute("value")!, ["action"] = action, ["name"] = name };
        if (reason is not null)
        {
            form["reason"] = reason;
        }

        return await browser.PostAsync(link, new FormUrlEncodedContent(form), Ct);
    }

    private static HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true });

    private static async Task<JsonElement> ReadAsync(TestApp app, string id)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"{Path}/{id}"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static bool Has(JsonElement element, string property) => element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null;

    private static List<JsonElement> Notices(JsonElement change) => [.. change.GetProperty("notices").EnumerateArray()];

    private static async Task<List<JsonElement>> WaitForNoticesAsync(TestApp app, string id, Func<JsonElement, bool> each)
    {
        for (var i = 0; i < 150; i++)
        {
            var notices = Notices(await ReadAsync(app, id));
            if (notices.Count > 0 && notices.All(each))
            {
                return notices;
            }

            await Task.Delay(200, Ct);
        }

        throw new TimeoutException("The change's notices did not reach the expected state.");
    }
}
