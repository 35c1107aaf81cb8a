using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Storage;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Incidents;
using BreachNotify.MailCapture;
using BreachNotify.Notices;
using Microsoft.Extensions.Options;

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
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);

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
        var port = AzuriteFixture.FreePort();
        var settings = Settings(mail, port);
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var clients = new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, Prefix = settings["Storage:Prefix"]! }));
        var notices = new NoticeStore(clients);
        async Task<AppProcess> StartAsync()
        {
            var process = AppProcess.Start(settings);
            await process.WaitUntilHealthyAsync(baseAddress, Ready);
            return process;
        }

        var app = await StartAsync();
        try
        {
            using var http = new HttpClient(new ClassificationSettler(new IncidentStore(clients, TimeProvider.System), new OutboxStore(clients))) { BaseAddress = baseAddress };
            var id = await PostAsync(http, GeneratedDirectory.Detection("crash-follow-up"));
            await DecideAsync(http, id, "approve");
            // The first notices all out and recorded, without a kill.
            await FanOutKiller.WaitForAsync(async () => (await notices.AllAsync(id, Ct)).Count(n => n.State == NoticeStatus.Sent) == Recipients, TimeSpan.FromSeconds(120));
            Assert.Equal(id, await PostAsync(http, Ransomware));
            await FanOutKiller.WaitForAsync(async () => (await new IncidentStore(clients, TimeProvider.System).LoadAsync(id, Ct))!.State.Status == IncidentStatus.UpdatePending, TimeSpan.FromSeconds(30));

            // SendGrid takes each request at once but answers 100 ms later: a kill the moment it takes one lands before the app hears.
            mail.Faults.Delay = TimeSpan.FromMilliseconds(50);
            mail.Faults.AnswerDelay = TimeSpan.FromMilliseconds(100);
            var killer = new FanOutKiller(mail, async () => await notices.AllAsync(id, Ct), m => IsFollowUp(m), SendBatchSize, FanOutKiller.Concurrency(settings));
            await DecideAsync(http, id, "approve-update");
            app = await killer.KillRepeatedlyAsync(app, StartAsync, Recipients, new Random(20261203));

            await FanOutKiller.WaitForAsync(() => Task.FromResult(killer.Notices.Select(m => m.To).Distinct().Count() >= Recipients), TimeSpan.FromSeconds(120));
            await FanOutKiller.WaitForAsync(async () => (await notices.AllAsync(id, Ct)).All(n => n.State != NoticeStatus.Sending && n.SentAt is not null), TimeSpan.FromSeconds(60));
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

    private Dictionary<string, string?> Settings(MailCaptureServer mail, int port)
    {
        var settings = TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), mail.BaseAddress, port);
        settings["Directory:Path"] = GeneratedDirectory.Write(Customers, ContactsPerCustomer);
        settings["SendGrid:ActivityLookup"] = "false";
        settings["Workflow:FanOutBatchSize"] = "20";
        // Each send item holds 40 notices (20 English, 20 German) sent as four requests of ten: a kill can land between them.
        settings["Workflow:SendBatchSize"] = SendBatchSize.ToString(CultureInfo.InvariantCulture);
        settings["SendGrid:MaxRecipientsPerRequest"] = "10";
        settings["Workflow:Concurrency"] = "4";
        settings["Workflow:VisibilityTimeoutSeconds"] = "2";
        settings["Workflow:SendLeaseSeconds"] = "4";
        settings["SendGrid:TotalTimeoutSeconds"] = "3";
        settings["SendGrid:AttemptTimeoutSeconds"] = "1";
        settings["Workflow:RedispatchAfterSeconds"] = "3";
        settings["Workflow:SweepIntervalSeconds"] = "1";
        settings["SendGrid:RetryBaseDelaySeconds"] = "0.2";
        return settings;
    }

    private static async Task<string> PostAsync(HttpClient http, string detection)
    {
        using var accepted = await http.SendAsync(TestApp.SignedDetection(detection), Ct);
        accepted.EnsureSuccessStatusCode();
        return (await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("incidentId").GetString()!;
    }

    private static async Task DecideAsync(HttpClient http, string id, string decision)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/decision") { Content = JsonContent.Create(new { decision }) };
        request.Headers.Authorization = new("Bearer", TestApp.CommanderKey);
        (await http.SendAsync(request, Ct)).EnsureSuccessStatusCode();
    }
}
