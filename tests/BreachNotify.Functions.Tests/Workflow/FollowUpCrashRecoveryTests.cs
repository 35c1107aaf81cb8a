using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Incidents;
using BreachNotify.MailCapture;
using BreachNotify.Notices;

namespace BreachNotify.Functions.Tests.Workflow;

/// <summary>
/// The crash test of <see cref="CrashRecoveryTests"/> for a follow-up: the real app as child processes against Azurite and a
/// SendGrid capture (no provider lookup), the first notices sent, then SIGKILL during the follow-up's fan-out and restarts.
/// Every recipient told before gets exactly one follow-up, but for the copies of requests in flight at a kill.
/// </summary>
public sealed class FollowUpCrashRecoveryTests(AzuriteFixture azurite)
{
    private const int Customers = 30;
    private const int ContactsPerCustomer = 10;
    private const int Recipients = Customers * ContactsPerCustomer;
    private const int SendBatchSize = 40;

    // The same detection reclassified: ransomware on the shared database adds integrity and availability to what was told.
    private static readonly string Ransomware = JsonSerializer.Serialize(new
    {
        externalId = "crash-follow-up", title = "Exfiltration from the shared database", category = "ransomware", assets = new[] { GeneratedDirectory.AssetAlias },
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FollowUpFanOut_KilledWithoutProviderLookup_EveryToldRecipientOneFollowUp_OutsideTheOneRequestInFlightPerWorkItem()
    {
        await using var mail = await MailCaptureServer.StartAsync(new MailCaptureOptions(), Ct);
        // Each send item holds 40 notices (20 English, 20 German) sent as four requests of ten: a kill can land between them.
        var run = CrashRun.New(azurite, mail, GeneratedDirectory.Write(Customers, ContactsPerCustomer), SendBatchSize, maxRecipientsPerRequest: 10);
        var clients = run.Clients();
        var notices = new NoticeStore(clients);

        var app = await run.StartAsync();
        try
        {
            using var http = run.Http();
            var id = await CrashRun.PostDetectionAsync(http, GeneratedDirectory.Detection("crash-follow-up"));
            await CrashRun.DecideAsync(http, id, "approve");
            // The first notices all out and recorded, without a kill.
            await CrashRun.WaitForAsync(async () => (await notices.AllAsync(id, Ct)).Count(n => n.State == NoticeStatus.Sent) == Recipients, TimeSpan.FromSeconds(120));
            Assert.Equal(id, await CrashRun.PostDetectionAsync(http, Ransomware));
            await CrashRun.WaitForAsync(async () => (await new IncidentStore(clients, TimeProvider.System).LoadAsync(id, Ct))!.State.Status == IncidentStatus.UpdatePending, TimeSpan.FromSeconds(30));

            // SendGrid takes each request at once but answers 250 ms later: a kill the moment it takes one lands before the app hears,
            // and what a restarted app has left to send outlasts the next round's wait (at 100 ms a fresh clone's run saw it all go first).
            mail.Faults.Delay = TimeSpan.FromMilliseconds(50);
            mail.Faults.AnswerDelay = TimeSpan.FromMilliseconds(250);
            var killer = new FanOutKiller(mail, async () => await notices.AllAsync(id, Ct), m => IsFollowUp(m), SendBatchSize, FanOutKiller.Concurrency(run.Settings));
            await CrashRun.DecideAsync(http, id, "approve-update");
            app = await killer.KillRepeatedlyAsync(app, run.StartAsync, Recipients, new Random(20261203));

            await CrashRun.WaitForAsync(() => killer.Notices.Select(m => m.To).Distinct().Count() >= Recipients, TimeSpan.FromSeconds(120));
            await CrashRun.WaitForAsync(async () => (await notices.AllAsync(id, Ct)).All(n => n.State != NoticeStatus.Sending && n.SentAt is not null), TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            Assert.True(killer.Kills >= 2, $"only {killer.Kills} kills landed before the follow-up's fan-out finished");
            Assert.True(killer.PerKill.Sum() > 0, "no kill found a request in flight");

            // Every recipient told before, each once but for the copies of requests in flight at a kill; no first notice again.
            var rows = await notices.AllAsync(id, Ct);
            var first = rows.Where(r => r.Sequence == 0).ToList();
            var followUps = rows.Where(r => r.Sequence == 1).ToList();
            Assert.Equal(Recipients, followUps.Count);
            Assert.All(followUps, r => Assert.Equal("followUp", r.NoticeKind));
            Assert.Equal(first.Select(r => r.Email).Order(), followUps.Select(r => r.Email).Order());
            Assert.Equal(first.Select(r => r.Email).Order(), killer.Notices.Select(m => m.To).Distinct().Order());
            Assert.Equal(Recipients, mail.Mails.Count(m => m.CustomArgs.TryGetValue("notice_ref", out var r) && NoticeId.PhaseOf(r.Split('/')[1]) == 0));
            killer.AssertRepeatsOnlyInFlight();
            Assert.All(killer.Notices.GroupBy(m => m.To), g => Assert.Single(g.Select(m => m.CustomArgs["notice_ref"]).Distinct()));

            // The history unharmed: the follow-up approved once, the state the fold of its history.
            var store = new IncidentStore(clients, TimeProvider.System);
            var stored = (await store.LoadAsync(id, Ct))!;
            var history = await store.HistoryAsync(stored, Ct);
            Assert.Single(history.OfType<IncidentUpdateApproved>());
            Assert.Equal(JsonSerializer.Serialize(stored.State, DomainJson.Options), JsonSerializer.Serialize(IncidentState.Replay(id, history), DomainJson.Options));
            TestContext.Current.SendDiagnosticMessage(
                $"{killer.Kills} kills, requests in flight at each: {string.Join(", ", killer.PerKill)}; {killer.Notices.Count - Recipients} repeated follow-ups without the provider lookup");
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static bool IsFollowUp(CapturedMail mail) =>
        mail.CustomArgs.TryGetValue("notice_ref", out var reference) && NoticeId.PhaseOf(reference.Split('/')[1]) == 1;
}
