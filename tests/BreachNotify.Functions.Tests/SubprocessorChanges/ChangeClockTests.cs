using System.Net.Http.Json;
using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Functions.Workflow;
using BreachNotify.SubprocessorChanges;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.SubprocessorChanges;

/// <summary>
/// A change's timers read by the sweep (the <c>clocks</c> partition), against the real app, Azurite and the mail capture,
/// with a fake clock: the cure period's reminders and end, the notice deadline, becoming current at the effective time.
/// </summary>
public sealed class ChangeClockTests(AzuriteFixture azurite)
{
    private const string PrivacyTeam = "ic@ntc.example";
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Objection_WithoutOutcome_RemindsThePrivacyTeamWeekly_ThenEscalatesWhenTheCurePeriodEnds_EachOnce()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, null, time);
        var id = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 60), Ct);
        time.Advance(TimeSpan.FromDays(2));
        var (objected, _) = await app.Services.GetRequiredService<SubprocessorChangeWorkflow>()
            .HandleAsync(id, new RecordObjection("fabrikam", "contact:legal", "data leaves the US"), Ct);
        Assert.Null(objected.Refusal);

        // Objection on day 2: reminders on days 9, 16, 23, 30; the cure period ends on day 32.
        time.Advance(TimeSpan.FromDays(7));
        await SweepTwiceAsync(app);
        var reminder = Assert.Single(await app.WaitForMailsAsync(m => m.To == PrivacyTeam && m.Subject.StartsWith("CURE PERIOD:", StringComparison.Ordinal)));
        Assert.Contains($"objection of fabrikam to {id}", reminder.Subject, StringComparison.Ordinal);
        Assert.Contains("ends 2027-01-03 09:00 UTC (in 23 d 0 h)", reminder.Text, StringComparison.Ordinal);
        Assert.Contains($"/console/changes/{id}", reminder.Text, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromDays(23) + TimeSpan.FromHours(1));
        await SweepTwiceAsync(app);
        var ended = Assert.Single(await app.WaitForMailsAsync(m => m.To == PrivacyTeam && m.Subject.StartsWith("CURE PERIOD ENDED", StringComparison.Ordinal)));
        Assert.Contains("ended 2027-01-03 09:00 UTC without an outcome", ended.Text, StringComparison.Ordinal);
        Assert.Contains("either side may now terminate", ended.Text, StringComparison.Ordinal);

        await Task.Delay(500, Ct);
        // The reminder of day 9 once; the sweep of day 32 found the period over: the end, once, and no late reminder.
        Assert.Equal(1, app.Mail.Mails.Count(m => m.To == PrivacyTeam && m.Subject.StartsWith("CURE PERIOD:", StringComparison.Ordinal)));
        Assert.Equal(1, app.Mail.Mails.Count(m => m.To == PrivacyTeam && m.Subject.StartsWith("CURE PERIOD ENDED", StringComparison.Ordinal)));
        var read = await ChangeApi.ReadAsync(app, id, Ct);
        var objection = read.GetProperty("objections")[0];
        Assert.Equal(Start.AddDays(32), objection.GetProperty("cureEndedAt").GetDateTimeOffset());
        Assert.Equal(1, ChangeApi.TimelineKinds(read).Count(k => k == "cureEnded"));
    }

    [Fact]
    public async Task Objection_SettledBeforeItsFirstReminder_RemindsNobody()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, null, time);
        var id = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 60), Ct);
        var workflow = app.Services.GetRequiredService<SubprocessorChangeWorkflow>();
        await workflow.HandleAsync(id, new RecordObjection("fabrikam", "contact:legal", "no"), Ct);
        await workflow.HandleAsync(id, new RecordObjectionOutcome("fabrikam", ObjectionOutcome.FeatureCeased, "ic-primary", "feature off for them"), Ct);

        time.Advance(TimeSpan.FromDays(31));
        await SweepTwiceAsync(app);
        await Task.Delay(500, Ct);

        Assert.DoesNotContain(app.Mail.Mails, m => m.Subject.StartsWith("CURE PERIOD", StringComparison.Ordinal));
        Assert.DoesNotContain("cureReminder", ChangeApi.TimelineKinds(await ChangeApi.ReadAsync(app, id, Ct)));
    }

    [Fact]
    public async Task NoticeDeadline_PassedWithNoticesTheProviderRefused_EscalatesNamingThoseCustomers()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, null, time);
        // Both of the fan-out's requests (German for contoso, English for the rest) are refused for good.
        app.Mail.Faults.FailNext(2, 400);
        var id = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 60), Ct);
        await app.WaitForMailsAsync(m => m.To == PrivacyTeam && m.Subject.StartsWith("DELIVERY FAILED", StringComparison.Ordinal));

        // contoso's notice was due by day 30 (30 days' notice), the others' by day 45.
        time.Advance(TimeSpan.FromDays(30));
        await SweepTwiceAsync(app);

        var missed = Assert.Single(await app.WaitForMailsAsync(m => m.To == PrivacyTeam && m.Subject.StartsWith("NOTICE DEADLINE MISSED", StringComparison.Ordinal)));
        Assert.Equal($"NOTICE DEADLINE MISSED: {id}, 1 customer(s)", missed.Subject);
        Assert.Contains("to contoso were not all sent", missed.Text, StringComparison.Ordinal);
        var timeline = (await ChangeApi.ReadAsync(app, id, Ct)).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Contains(timeline, t => t.GetProperty("kind").GetString() == "noticeDeadline" && t.GetProperty("detail").GetString()!.Contains("1 not sent in time (contoso)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoticeDeadline_PassedWithEveryNoticeSent_IsRecordedAndMailsNobody()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, null, time);
        var id = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 60), Ct);
        await app.WaitForMailsAsync(m => m.Subject.Contains(id, StringComparison.Ordinal), count: 4);
        await WaitUntilSentAsync(app, id);

        time.Advance(TimeSpan.FromDays(46));
        await SweepTwiceAsync(app);
        await Task.Delay(500, Ct);

        Assert.DoesNotContain(app.Mail.Mails, m => m.Subject.StartsWith("NOTICE DEADLINE", StringComparison.Ordinal));
        var timeline = (await ChangeApi.ReadAsync(app, id, Ct)).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Contains(timeline, t => t.GetProperty("kind").GetString() == "noticeDeadline" && t.GetProperty("detail").GetString()!.EndsWith("every notice sent in time", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EffectiveTime_TheSweepRecordsTheChangeTookEffect_ThenThePublicListShowsItCurrent_AndItCannotBeWithdrawn()
    {
        var time = new FakeTimeProvider(Start);
        // No workers and no sweep of its own: only the sweep this test runs records anything.
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:RunWorkers"] = "false", time);
        var id = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 30), Ct);

        // Past the effective time, before the timer ran: the list reads the change's state, so it is still upcoming.
        time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        var pending = await app.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/subprocessors.json", Ct);
        await app.Services.GetRequiredService<OutboxSweeper>().SweepAsync(Ct);
        var current = await app.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/subprocessors.json", Ct);

        Assert.Contains(pending.GetProperty("upcoming").EnumerateArray(), u => u.GetProperty("subprocessor").GetProperty("id").GetString() == "example-relay");
        Assert.Empty(current.GetProperty("upcoming").EnumerateArray());
        var relay = Assert.Single(current.GetProperty("current").EnumerateArray(), s => s.GetProperty("id").GetString() == "example-relay");
        Assert.Equal(Start.AddDays(30), relay.GetProperty("since").GetDateTimeOffset());
        var read = await ChangeApi.ReadAsync(app, id, Ct);
        Assert.Equal(Start.AddDays(30), read.GetProperty("tookEffectAt").GetDateTimeOffset());
        Assert.Equal(1, ChangeApi.TimelineKinds(read).Count(k => k == "tookEffect"));
        using var withdraw = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{ChangeApi.Path}/{id}/decision", new { decision = "withdraw" }), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, withdraw.StatusCode);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The sweep twice, as its interval would: the second finds nothing more to record.</summary>
    [Fact]
    public async Task CureReminder_TakenByTwoWorkersAtOnce_IsMailedOnce()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = await TestApp.StartAsync(azurite, null, time);
        var id = await ChangeApi.AnnounceAndApproveAsync(app, ChangeApi.Change(Start, 60), Ct);
        time.Advance(TimeSpan.FromDays(2));
        await app.Services.GetRequiredService<SubprocessorChangeWorkflow>().HandleAsync(id, new RecordObjection("fabrikam", "contact:legal", "data leaves the US"), Ct);
        time.Advance(TimeSpan.FromDays(7));
        await app.Services.GetRequiredService<OutboxSweeper>().SweepAsync(Ct);
        var store = app.Services.GetRequiredService<SubprocessorChangeStore>();
        var history = await store.HistoryAsync(id, Ct);
        var sequence = Enumerable.Range(0, history.Count + 2).First(s => store.EventAsync(id, s, Ct).GetAwaiter().GetResult() is CureReminderDue);
        var item = new WorkItem(WorkItemKind.ChangeAlert, id, Sequence: sequence, Matter: MatterKind.SubprocessorChange);

        // The reminder falls due (the sweep owes its mail to a queue worker) and three more workers run it at the same moment.
        var mailer = app.Services.GetRequiredService<ChangeNoticeMailer>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => mailer.AlertAsync(item, Ct)));
        await app.WaitForMailsAsync(m => m.To == PrivacyTeam && m.Subject.StartsWith("CURE PERIOD:", StringComparison.Ordinal));
        await Task.Delay(1000, Ct);

        Assert.Equal(1, app.Mail.Mails.Count(m => m.To == PrivacyTeam && m.Subject.StartsWith("CURE PERIOD:", StringComparison.Ordinal)));
    }

    private static async Task SweepTwiceAsync(TestApp app)
    {
        var sweeper = app.Services.GetRequiredService<OutboxSweeper>();
        await sweeper.SweepAsync(Ct);
        await sweeper.SweepAsync(Ct);
    }

    private static async Task WaitUntilSentAsync(TestApp app, string id)
    {
        for (var i = 0; i < 150; i++)
        {
            var notices = (await ChangeApi.ReadAsync(app, id, Ct)).GetProperty("notices").EnumerateArray().ToList();
            if (notices.Count > 0 && notices.All(n => n.TryGetProperty("sentAt", out var s) && s.ValueKind != System.Text.Json.JsonValueKind.Null))
            {
                return;
            }

            await Task.Delay(200, Ct);
        }

        throw new TimeoutException("The change's notices were not all sent.");
    }
}
