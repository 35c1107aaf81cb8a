using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.OtherNotices;

/// <summary>
/// The other notices a processor owes (issue 18) through the API, the notice engine, the link page and the sweep, against
/// the real app, Azurite and the mail capture, on the sample directory: contoso (German, privacy contact) and woodgrove
/// (24-hour forward clock) hold subjects at shared-talent.example; fabrikam at fabrikam.example.
/// </summary>
public sealed class MatterTests(AzuriteFixture azurite)
{
    private const string Path = "/api/matters";
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"kind":"subpoena","customers":["fabrikam"],"receivedAt":"2026-12-02T08:00:00Z","summary":"x"}""", "kind" },
        { """{"kind":"law-enforcement-request","customers":["nobody"],"receivedAt":"2026-12-02T08:00:00Z","summary":"x"}""", "customers" },
        { """{"kind":"law-enforcement-request","receivedAt":"2026-12-02T08:00:00Z","summary":"x"}""", "customers" },
        { """{"kind":"law-enforcement-request","customers":["fabrikam"],"receivedAt":"yesterday","summary":"x"}""", "receivedAt" },
        { """{"kind":"law-enforcement-request","customers":["fabrikam"],"receivedAt":"2026-12-02T08:00:00Z"}""", "summary" },
        { """{"kind":"data-subject-request","subjectIdentifier":"jane@nowhere.example","receivedAt":"2026-12-02T08:00:00Z","summary":"access"}""", "subjectIdentifier" },
        { """{"kind":"law-enforcement-request","customers":["fabrikam"],"receivedAt":"2026-12-02T08:00:00Z","summary":"x","legalProhibition":{"until":null}}""", "legalProhibition.basis" },
        { """{"kind":"law-enforcement-request","customers":["fabrikam"],"receivedAt":"2026-12-02T08:00:00Z","summary":"x","legalProhibition":{"basis":"order","until":"soon"}}""", "legalProhibition.until" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Record_BadInput_Answers400NamingTheField_AndStoresNothing(string body, string field)
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        using var request = app.AsCommander(HttpMethod.Post, Path);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await app.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(field, problem.GetProperty("errors").EnumerateObject().First().Name);
        Assert.Empty((await ListAsync(app)).EnumerateArray());
    }

    [Fact]
    public async Task Record_WithoutACommanderKey_Answers401()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));

        using var response = await app.Http.PostAsJsonAsync(Path, LawEnforcement(), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Record_RetriedWithTheSameIdempotencyKey_FindsTheSameMatter_AnotherMatterWithItIs409()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));

        var first = await RecordAsync(app, LawEnforcement(), key: "req-1");
        var again = await RecordAsync(app, LawEnforcement(), key: "req-1");
        using var other = await app.Http.SendAsync(WithKey(app.AsCommander(HttpMethod.Post, Path, LawEnforcement(summary: "another order")), "req-1"), Ct);

        Assert.Equal(first.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Single((await ListAsync(app)).EnumerateArray());
    }

    [Fact]
    public async Task DataSubjectRequest_IsRoutedByEmailDomain_ForwardedOncePerPrivacyContact_WithTheArt12Clock_AndNotAnswered()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var created = await RecordAsync(app, new
        {
            kind = "data-subject-request",
            subjectIdentifier = "jane.doe@shared-talent.example",
            receivedAt = Start.AddHours(-2),
            subjectRequestedAt = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero),
            summary = "Access request (Art. 15): a copy of all personal data",
        });
        var id = created.GetProperty("id").GetString()!;

        // Woodgrove's contract forwards within 24 hours, counted from receipt two hours before Start.
        Assert.Equal(["contoso", "woodgrove"], created.GetProperty("customers").EnumerateArray().Select(c => c.GetString()).Order());
        Assert.Equal(Start.AddHours(22), created.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("AwaitingDecision", created.GetProperty("status").GetString());

        await DecideAsync(app, id, "approve");
        var mails = await app.WaitForMailsAsync(m => m.Subject.Contains(id, StringComparison.Ordinal), count: 2);
        await Task.Delay(500, Ct);

        Assert.Equal(["privacy@contoso.example", "privacy@woodgrove.example"], app.NoticeMails.Select(m => m.To).Order());
        var english = mails.Single(m => m.To == "privacy@woodgrove.example");
        Assert.StartsWith("Data subject request forwarded by Northwind Talent Cloud", english.Subject, StringComparison.Ordinal);
        Assert.Contains("Subject: jane.doe@shared-talent.example", english.Text, StringComparison.Ordinal);
        Assert.Contains("we will not answer it without your written authorisation", english.Text, StringComparison.Ordinal);
        Assert.Contains("Your deadline to answer the subject (Art. 12(3) GDPR): 30 Dec 2026 10:00 UTC", english.Text, StringComparison.Ordinal);
        Assert.Contains("to 28 Feb 2027 10:00 UTC", english.Text, StringComparison.Ordinal);
        Assert.Contains("Our contractual deadline to forward it: 3 Dec 2026 07:00 UTC", english.Text, StringComparison.Ordinal);
        Assert.Contains("To: Woodgrove Bank", english.Text, StringComparison.Ordinal);
        var german = mails.Single(m => m.To == "privacy@contoso.example");
        Assert.StartsWith("Betroffenenanfrage weitergeleitet von Northwind Talent Cloud", german.Subject, StringComparison.Ordinal);
        Assert.Contains("ohne Ihre schriftliche Genehmigung beantworten wir sie nicht", german.Text, StringComparison.Ordinal);
        Assert.Contains("Unsere vertragliche Frist zur Weiterleitung: 04.12.2026 07:00 UTC", german.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_OfADataSubjectRequest_GetRecordsNothing_ThePostRecordsReceivedByTheDpo_Once()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var id = (await RecordAsync(app, new { kind = "data-subject-request", subjectIdentifier = "sam@fabrikam.example", receivedAt = Start, summary = "Erasure request" }))
            .GetProperty("id").GetString()!;
        await DecideAsync(app, id, "approve");
        var mail = Assert.Single(await app.WaitForMailsAsync(m => m.To == "legal@fabrikam.example" && m.Subject.Contains(id, StringComparison.Ordinal)));
        var link = new Uri(AckPage.LinkIn(mail.Html!));
        using var browser = Browser();

        var page = await browser.GetStringAsync(link, Ct);
        await browser.GetStringAsync(link, Ct);

        var document = Html.Parse(page);
        Assert.Equal("Confirm received by our DPO", document.QuerySelector("form button")!.TextContent);
        Assert.Equal("received-by-dpo", document.QuerySelector("form input[name=action]")!.GetAttribute("value"));
        Assert.Contains("sam@fabrikam.example", document.QuerySelector("dl")!.TextContent, StringComparison.Ordinal);
        Assert.False((await ReadAsync(app, id)).GetProperty("customers")[0].TryGetProperty("answer", out _));

        using var wrongAction = await PostAsync(browser, link, page, "acknowledge", "Fay Legal");
        Assert.Equal(HttpStatusCode.BadRequest, wrongAction.StatusCode);
        using var answered = await PostAsync(browser, link, page, "received-by-dpo", "Fay Legal");
        using var twice = await PostAsync(browser, link, page, "received-by-dpo", "Someone Else");

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("Thank you. Your DPO's receipt of the request is recorded.", Html.Parse(await answered.Content.ReadAsStringAsync(Ct)).QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("This notice was already acknowledged.", Html.Parse(await twice.Content.ReadAsStringAsync(Ct)).QuerySelector("[role=status]")!.TextContent);
        var read = await ReadAsync(app, id);
        var customer = Assert.Single(read.GetProperty("customers").EnumerateArray());
        Assert.Equal("received-by-dpo", customer.GetProperty("answer").GetString());
        Assert.Equal("Fay Legal", read.GetProperty("notices")[0].GetProperty("acknowledgedBy").GetString());
        Assert.Single(read.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "acknowledged");
    }

    [Fact]
    public async Task Prohibition_SendsNothingEvenApproved_HoldsThroughARestart_ThenIsReleasedOnceAtItsEnd_SayingWhyLate()
    {
        var time = new FakeTimeProvider(Start);
        var until = Start.AddDays(10);
        string id, prefix;
        await using (var first = await StartAsync(time))
        {
            prefix = first.Prefix;
            id = (await RecordAsync(first, LawEnforcement(prohibition: new { basis = "Court order 12-345 (non-disclosure)", until, reviewAt = (DateTimeOffset?)null })))
                .GetProperty("id").GetString()!;
            var decided = await DecideAsync(first, id, "approve");
            Assert.False(decided.GetProperty("sending").GetBoolean());
            await first.Services.GetRequiredService<OutboxSweeper>().SweepAsync(Ct);
            await Task.Delay(1000, Ct);
            Assert.Empty(first.NoticeMails);
            var read = await ReadAsync(first, id);
            Assert.True(read.GetProperty("prohibition").GetProperty("inForce").GetBoolean());
            Assert.Contains(read.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("detail").GetString()!.Contains("held under the legal prohibition", StringComparison.Ordinal));
            // The engine's own items find nothing to send while it holds.
            await first.Services.GetRequiredService<WorkItemHandler>().HandleAsync(new WorkItem(WorkItemKind.FanOut, id, Matter: MatterKind.OtherNotice), Ct);
            await Task.Delay(500, Ct);
            Assert.Empty(first.NoticeMails);
            Assert.All(Notices(await ReadAsync(first, id)), n => Assert.Equal("Pending", n.GetProperty("status").GetString()));
        }

        time.Advance(TimeSpan.FromDays(5));
        await using var second = await StartAsync(time, s => s["Storage:Prefix"] = prefix);
        var sweeper = second.Services.GetRequiredService<OutboxSweeper>();
        await sweeper.SweepAsync(Ct);
        await Task.Delay(1000, Ct);
        Assert.Empty(second.NoticeMails);

        time.Advance(TimeSpan.FromDays(5));
        await sweeper.SweepAsync(Ct);
        var mails = await second.WaitForMailsAsync(m => m.Subject.Contains(id, StringComparison.Ordinal));
        await sweeper.SweepAsync(Ct);
        await Task.Delay(1500, Ct);

        var mail = Assert.Single(second.NoticeMails);
        Assert.Equal("legal@fabrikam.example", mail.To);
        Assert.Contains("Why this notice is late: A legal prohibition forbade us to tell you (Court order 12-345 (non-disclosure)); it ended on 12 Dec 2026 09:00 UTC.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("What we disclosed: Subscriber records of two accounts", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Authority: District Attorney, County of Example", mail.Text, StringComparison.Ordinal);
        var after = await ReadAsync(second, id);
        Assert.False(after.GetProperty("prohibition").GetProperty("inForce").GetBoolean());
        Assert.Equal(until, after.GetProperty("prohibition").GetProperty("liftedAt").GetDateTimeOffset());
        Assert.Single(mails);
    }

    [Fact]
    public async Task LiftProhibition_ByACommander_ReleasesAtOnce_WaiverEffortsAreOnTheTimeline()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        var id = (await RecordAsync(app, LawEnforcement(prohibition: new { basis = "Gag order", until = (DateTimeOffset?)null, reviewAt = (DateTimeOffset?)null })))
            .GetProperty("id").GetString()!;
        await DecideAsync(app, id, "approve");
        time.Advance(TimeSpan.FromDays(1));

        using var effort = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/waiver-efforts", new { text = "Asked the prosecutor to consent to notice" }), Ct);
        Assert.Equal(HttpStatusCode.OK, effort.StatusCode);
        await Task.Delay(500, Ct);
        Assert.Empty(app.NoticeMails);

        var lifted = await DecideAsync(app, id, "lift-prohibition");
        var mails = await app.WaitForMailsAsync(m => m.Subject.Contains(id, StringComparison.Ordinal));
        using var again = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/waiver-efforts", new { text = "too late" }), Ct);

        Assert.True(lifted.GetProperty("sending").GetBoolean());
        Assert.Equal("legal@fabrikam.example", Assert.Single(mails).To);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var timeline = (await ReadAsync(app, id)).GetProperty("timeline").EnumerateArray().ToList();
        var waiver = Assert.Single(timeline, e => e.GetProperty("kind").GetString() == "waiverEffort");
        Assert.Equal("waiver effort: Asked the prosecutor to consent to notice", waiver.GetProperty("detail").GetString());
        Assert.Equal("commander:ic-primary", waiver.GetProperty("actor").GetString());
        Assert.Equal(Start.AddDays(1), waiver.GetProperty("at").GetDateTimeOffset());
        Assert.Contains(timeline, e => e.GetProperty("detail").GetString() == "prohibition lifted by a commander");
    }

    [Fact]
    public async Task ReviewDate_RemindsTheCommandersOnce_AndTheProhibitionStillHolds()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        var id = (await RecordAsync(app, LawEnforcement(prohibition: new { basis = "Gag order", until = (DateTimeOffset?)Start.AddDays(90), reviewAt = (DateTimeOffset?)Start.AddDays(30) })))
            .GetProperty("id").GetString()!;
        await DecideAsync(app, id, "approve");
        var sweeper = app.Services.GetRequiredService<OutboxSweeper>();
        time.Advance(TimeSpan.FromDays(30));

        await sweeper.SweepAsync(Ct);
        var reminder = Assert.Single(await app.WaitForMailsAsync(m => m.Subject == $"Prohibition review due: {id}" && m.To == "ic@ntc.example"));
        time.Advance(TimeSpan.FromDays(1));
        await sweeper.SweepAsync(Ct);
        await Task.Delay(1000, Ct);

        Assert.Contains("Please re-check whether it still holds", reminder.Text, StringComparison.Ordinal);
        Assert.Single(app.Mail.Mails, m => m.Subject == $"Prohibition review due: {id}" && m.To == "ic@ntc.example");
        Assert.Empty(app.NoticeMails);
        Assert.True((await ReadAsync(app, id)).GetProperty("prohibition").GetProperty("inForce").GetBoolean());
    }

    [Fact]
    public async Task SetReview_AfterTheFirstReminder_MailsTheSecondReminderOnceAtTheNewDate_AndNotBefore()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        var id = (await RecordAsync(app, LawEnforcement(prohibition: new { basis = "Gag order", until = (DateTimeOffset?)Start.AddDays(90), reviewAt = (DateTimeOffset?)Start.AddDays(30) })))
            .GetProperty("id").GetString()!;
        await DecideAsync(app, id, "approve");
        var sweeper = app.Services.GetRequiredService<OutboxSweeper>();
        var subject = $"Prohibition review due: {id}";
        time.Advance(TimeSpan.FromDays(30));
        await sweeper.SweepAsync(Ct);
        await app.WaitForMailsAsync(m => m.Subject == subject && m.To == "ic@ntc.example");

        time.Advance(TimeSpan.FromDays(1));
        using (var set = await app.Http.SendAsync(
            app.AsCommander(HttpMethod.Post, $"{Path}/{id}/decision", new { decision = "set-review", reviewAt = Start.AddDays(60), comment = "Order renewed" }), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        time.Advance(TimeSpan.FromDays(28));
        await sweeper.SweepAsync(Ct);
        await Task.Delay(1000, Ct);
        Assert.Single(app.Mail.Mails, m => m.Subject == subject && m.To == "ic@ntc.example");

        time.Advance(TimeSpan.FromDays(1));
        await sweeper.SweepAsync(Ct);
        await app.WaitForMailsAsync(m => m.Subject == subject && m.To == "ic@ntc.example", count: 2);
        time.Advance(TimeSpan.FromDays(1));
        await sweeper.SweepAsync(Ct);
        await Task.Delay(1000, Ct);

        var reminders = app.Mail.Mails.Where(m => m.Subject == subject && m.To == "ic@ntc.example").ToList();
        Assert.Equal(2, reminders.Count);
        Assert.Contains("(2027-01-31 09:00 UTC)", reminders[1].Text, StringComparison.Ordinal);
        Assert.Empty(app.NoticeMails);
        // The mailer records the mail after sending it: wait (bounded) for that step rather than trust the second above.
        var read = await ReadAsync(app, id);
        for (var i = 0; i < 40 && read.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "prohibitionReviewMailed") < 2; i++)
        {
            await Task.Delay(250, Ct);
            read = await ReadAsync(app, id);
        }

        Assert.Equal(Start.AddDays(60), read.GetProperty("prohibition").GetProperty("reviewAt").GetDateTimeOffset());
        Assert.True(read.GetProperty("prohibition").GetProperty("inForce").GetBoolean());
        var timeline = read.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(2, timeline.Count(k => k == "prohibitionReviewDue"));
        Assert.Equal(2, timeline.Count(k => k == "prohibitionReviewMailed"));
        Assert.Single(timeline, k => k == "prohibitionReviewRescheduled");
    }

    [Fact]
    public async Task ReviewReminder_TakenByTwoWorkersAtOnce_IsMailedOnce()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await StartAsync(time);
        var id = (await RecordAsync(app, LawEnforcement(prohibition: new { basis = "Gag order", until = (DateTimeOffset?)Start.AddDays(90), reviewAt = (DateTimeOffset?)Start.AddDays(30) })))
            .GetProperty("id").GetString()!;
        await DecideAsync(app, id, "approve");
        time.Advance(TimeSpan.FromDays(30));
        var mailer = app.Services.GetRequiredService<ProhibitionReviewMailer>();
        var item = new WorkItem(
            WorkItemKind.ProhibitionReview, id, Matter: MatterKind.OtherNotice);
        // The review falls due (the sweep records it and owes the mail), and two workers run the mail at the same moment.
        await app.Services.GetRequiredService<OutboxSweeper>().SweepAsync(Ct);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => mailer.RemindAsync(item, Ct)));
        await app.WaitForMailsAsync(m => m.Subject == $"Prohibition review due: {id}" && m.To == "ic@ntc.example");
        await Task.Delay(1000, Ct);

        Assert.Single(app.Mail.Mails, m => m.Subject == $"Prohibition review due: {id}" && m.To == "ic@ntc.example");
        Assert.Single((await ReadAsync(app, id)).GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "prohibitionReviewMailed");
    }

    [Theory]
    [InlineData("""{"decision":"set-review","reviewAt":"2026-12-01T09:00:00Z"}""")]
    [InlineData("""{"decision":"set-review","reviewAt":"2027-03-02T09:00:00Z"}""")]
    [InlineData("""{"decision":"set-review"}""")]
    [InlineData("""{"decision":"set-review","reviewAt":"next week"}""")]
    [InlineData("""{"decision":"approve","reviewAt":"2026-12-20T09:00:00Z"}""")]
    public async Task SetReview_BadReviewAt_Answers400NamingIt_AndStoresNothing(string body)
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var id = (await RecordAsync(app, LawEnforcement(prohibition: new { basis = "Gag order", until = (DateTimeOffset?)Start.AddDays(90), reviewAt = (DateTimeOffset?)Start.AddDays(30) })))
            .GetProperty("id").GetString()!;
        using var request = app.AsCommander(HttpMethod.Post, $"{Path}/{id}/decision");
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await app.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("reviewAt", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().First().Name);
        var read = await ReadAsync(app, id);
        Assert.Single(read.GetProperty("timeline").EnumerateArray());
        Assert.Equal("AwaitingDecision", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Prohibition_EndingAFewSecondsAhead_InRealTime_IsReleasedByTheRunningSweep()
    {
        await using var app = await StartAsync(TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var id = (await RecordAsync(app, LawEnforcement(receivedAt: now.AddMinutes(-1),
            prohibition: new { basis = "Order ends shortly", until = (DateTimeOffset?)now.AddSeconds(4), reviewAt = (DateTimeOffset?)null }))).GetProperty("id").GetString()!;
        await DecideAsync(app, id, "approve");
        Assert.Empty(app.NoticeMails);

        // Nobody calls the sweep here: the app's own sweep service (every 2 seconds in tests) releases it.
        var mails = await app.WaitForMailsAsync(m => m.Subject.Contains(id, StringComparison.Ordinal), seconds: 40);

        Assert.Equal("legal@fabrikam.example", Assert.Single(mails).To);
        Assert.Contains("Why this notice is late", mails[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approval_WhoseDispatchWasLost_IsSweptOutAfterARestart_OnceToTheFrozenRecipients()
    {
        var time = new FakeTimeProvider(Start);
        string id, prefix;
        await using (var first = await StartAsync(time, s => s["Workflow:RunWorkers"] = "false"))
        {
            prefix = first.Prefix;
            id = (await RecordAsync(first, new { kind = "supervisory-inquiry", customers = new[] { "woodgrove", "tailspin" }, receivedAt = Start, summary = "Inquiry into retention", authority = "Example DPA" }))
                .GetProperty("id").GetString()!;
            await DecideAsync(first, id, "approve");
            // As if the process died between the approval's write and its queue message: the message is gone.
            await first.Services.GetRequiredService<BreachNotify.Adapters.Tables.StorageClients>().WorkflowQueue.ClearMessagesAsync(Ct);
        }

        time.Advance(TimeSpan.FromMinutes(1));
        await using var second = await StartAsync(time, s => s["Storage:Prefix"] = prefix);
        var sweeper = second.Services.GetRequiredService<OutboxSweeper>();
        await sweeper.SweepAsync(Ct);
        await second.WaitForMailsAsync(m => m.Subject.Contains(id, StringComparison.Ordinal), count: 2);
        time.Advance(TimeSpan.FromMinutes(1));
        await sweeper.SweepAsync(Ct);
        await Task.Delay(1500, Ct);

        // Woodgrove's privacy contact only (not its CISO), Tailspin's DPO: one notice each.
        Assert.Equal(["dpo@tailspin.example", "privacy@woodgrove.example"], second.NoticeMails.Select(m => m.To).Order());
        Assert.Contains("Authority: Example DPA", second.NoticeMails[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_OfOneCustomer_ListsItsMattersWithItsDueTimeAndAnswer_AsJsonAndCsv()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var dsr = (await RecordAsync(app, new { kind = "data-subject-request", subjectIdentifier = "sam@fabrikam.example", receivedAt = Start, summary = "Erasure request" }))
            .GetProperty("id").GetString()!;
        var other = (await RecordAsync(app, new { kind = "cannot-comply", customers = new[] { "tailspin" }, receivedAt = Start, summary = "Retention instruction", clause = "§1(b)" }))
            .GetProperty("id").GetString()!;
        await DecideAsync(app, dsr, "approve");
        var mail = Assert.Single(await app.WaitForMailsAsync(m => m.To == "legal@fabrikam.example" && m.Subject.Contains(dsr, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, (await AckPage.AcknowledgeAsync(new Uri(AckPage.LinkIn(mail.Html!)), "Fay Legal")).Response.StatusCode);

        using var json = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"{Path}?customer=fabrikam"), Ct);
        using var csv = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"{Path}?customer=fabrikam&format=csv"), Ct);
        using var unknown = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"{Path}?customer=nobody"), Ct);

        var entry = Assert.Single((await json.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray());
        Assert.Equal(dsr, entry.GetProperty("id").GetString());
        Assert.Equal("received-by-dpo", entry.GetProperty("answer").GetString());
        Assert.Equal(Start.AddHours(48), entry.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(
            $"customerId,matterId,kind,status,receivedAt,dueAt,prohibited,sending,answer,answeredAt\r\nfabrikam,{dsr},data-subject-request,Approved,2026-12-02T09:00:00Z,2026-12-04T09:00:00Z,no,yes,received-by-dpo,2026-12-02T09:00:00Z\r\n",
            await csv.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.NotEqual(dsr, other);
    }

    [Fact]
    public async Task Reject_SendsNothing_AndTheListShowsTheMatterWithoutItsSummary()
    {
        await using var app = await StartAsync(new FakeTimeProvider(Start));
        var id = (await RecordAsync(app, new
        {
            kind = "instruction-infringes",
            customers = new[] { "tailspin" },
            receivedAt = Start,
            summary = "Instruction to keep candidate data indefinitely",
            clause = "DPA §1(e)",
        })).GetProperty("id").GetString()!;

        await DecideAsync(app, id, "reject");
        await Task.Delay(500, Ct);

        Assert.Empty(app.NoticeMails);
        var entry = Assert.Single((await ListAsync(app)).EnumerateArray());
        Assert.Equal(id, entry.GetProperty("id").GetString());
        Assert.Equal("instruction-infringes", entry.GetProperty("kind").GetString());
        Assert.Equal("Rejected", entry.GetProperty("status").GetString());
        Assert.DoesNotContain("indefinitely", entry.GetRawText(), StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<TestApp> StartAsync(TimeProvider time, Action<Dictionary<string, string?>>? configure = null) => TestApp.StartAsync(azurite, configure, time);

    private static object LawEnforcement(string summary = "Production order for subscriber records", object? prohibition = null, DateTimeOffset? receivedAt = null) => new
    {
        kind = "law-enforcement-request",
        customers = new[] { "fabrikam" },
        receivedAt = receivedAt ?? Start.AddHours(-1),
        summary,
        authority = "District Attorney, County of Example",
        disclosure = "Subscriber records of two accounts",
        legalProhibition = prohibition,
    };

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<JsonElement> RecordAsync(TestApp app, object body, string? key = null)
    {
        var request = app.AsCommander(HttpMethod.Post, Path, body);
        using var response = await app.Http.SendAsync(key is null ? request : WithKey(request, key), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<JsonElement> DecideAsync(TestApp app, string id, string decision)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/decision", new { decision }), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<JsonElement> ReadAsync(TestApp app, string id)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"{Path}/{id}"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<JsonElement> ListAsync(TestApp app)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, Path), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items");
    }

    private static List<JsonElement> Notices(JsonElement matter) => [.. matter.GetProperty("notices").EnumerateArray()];

    private static HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true });

    /// <summary>Posts the page's form as a browser without script would (its antiforgery field, the cookie of the same client).</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, Uri link, string page, string action, string name)
    {
        var form = Html.HiddenFields(page);
        form["action"] = action;
        form["name"] = name;
        return await browser.PostAsync(link, new FormUrlEncodedContent(form), Ct);
    }
}
