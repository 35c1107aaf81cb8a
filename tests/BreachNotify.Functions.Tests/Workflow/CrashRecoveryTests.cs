using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Storage;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.Incidents;
using BreachNotify.MailCapture;

namespace BreachNotify.Functions.Tests.Workflow;

/// <summary>
/// The real app as child processes against Azurite and a SendGrid capture: SIGKILL during a fan-out, restarts,
/// two workers at once, a rate-limit and error storm. Every recipient gets exactly one notice. And SIGKILL while
/// detections arrive: every detection ends in one incident, recorded and classified once.
/// </summary>
public sealed class CrashRecoveryTests(AzuriteFixture azurite)
{
    private const int Customers = 30;
    private const int ContactsPerCustomer = 10;
    private const int Recipients = Customers * ContactsPerCustomer;
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FanOut_KilledRepeatedlyAtRandomPoints_EveryRecipientGetsExactlyOneNotice()
    {
        await using var mail = await MailCaptureServer.StartAsync(new MailCaptureOptions(), TestContext.Current.CancellationToken);
        // Slow the provider down so the kills land in the middle of the fan-out.
        mail.Faults.Delay = TimeSpan.FromMilliseconds(150);
        var run = NewRun(mail, activityLookup: true);
        var random = new Random(20261125);
        var kills = 0;

        var process = await StartAsync(run);
        var incidentId = await PostAndApproveAsync(run);
        for (var round = 0; round < 5 && Notices(mail).Count < Recipients; round++)
        {
            await Task.Delay(random.Next(200, 1200), TestContext.Current.CancellationToken);
            process.Kill();
            kills++;
            await process.DisposeAsync();
            process = await StartAsync(run);
        }

        try
        {
            try
            {
                await WaitForAsync(() => Notices(mail).Count >= Recipients, TimeSpan.FromSeconds(120));
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{Notices(mail).Count} notices after {kills} kills; records: {await DescribeAsync(run, incidentId)}; app output: {process.Output}");
            }

            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

            var perRecipient = Notices(mail).GroupBy(m => m.To).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(kills >= 3, $"only {kills} kills landed before the fan-out finished");
            Assert.Equal(Recipients, perRecipient.Count);
            // The provider is asked before a notice left "sending" by a kill is resent, so not even the in-flight window repeats.
            Assert.Equal([], perRecipient.Where(p => p.Value > 1).Select(p => p.Key));
            await AssertHistoryConsistentAsync(run, incidentId, expectedSent: Recipients);
        }
        finally
        {
            await process.DisposeAsync();
        }
    }

    [Fact]
    public async Task FanOut_KilledWithoutProviderLookup_RepeatsOnlyTheOneRequestInFlightPerWorkItem()
    {
        await using var mail = await MailCaptureServer.StartAsync(new MailCaptureOptions(), TestContext.Current.CancellationToken);
        // SendGrid takes each request at once but answers 100 ms later: a kill the moment it takes one lands before the app hears.
        mail.Faults.Delay = TimeSpan.FromMilliseconds(50);
        mail.Faults.AnswerDelay = TimeSpan.FromMilliseconds(100);
        var run = NewRun(mail, activityLookup: false);
        // Each send item holds 40 notices (20 English, 20 German) sent as four requests of ten: a kill can land between them.
        const int SendBatchSize = 40;
        run.Settings["Workflow:SendBatchSize"] = SendBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        run.Settings["SendGrid:MaxRecipientsPerRequest"] = "10";
        var process = await StartAsync(run);
        var incidentId = await PostAndApproveAsync(run);
        var killer = new FanOutKiller(
            mail, async () => await new NoticeStore(Clients(run)).AllAsync(incidentId, TestContext.Current.CancellationToken),
            m => !m.To.EndsWith("@ntc.example", StringComparison.Ordinal), SendBatchSize, FanOutKiller.Concurrency(run.Settings));
        process = await killer.KillRepeatedlyAsync(process, () => StartAsync(run), Recipients, new Random(20261202));

        try
        {
            await WaitForAsync(() => Notices(mail).Select(m => m.To).Distinct().Count() >= Recipients, TimeSpan.FromSeconds(120));
            // A repeat goes out when the notice's lease has run out: wait until every notice is recorded sent.
            await WaitForAsync(async () => (await new NoticeStore(Clients(run)).AllAsync(incidentId)).All(n => n.State != BreachNotify.Notices.NoticeStatus.Sending && n.SentAt is not null), TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            Assert.True(killer.Kills >= 2, $"only {killer.Kills} kills landed before the fan-out finished");
            Assert.True(killer.PerKill.Sum() > 0, "no kill found a request in flight");
            // SendGrid has no idempotency key: a notice goes out twice only if its first copy was in a request in flight at a kill,
            // and no more repeats than the notices those requests carried.
            killer.AssertRepeatsOnlyInFlight();
            Assert.Equal(Recipients, Notices(mail).Select(m => m.To).Distinct().Count());
            TestContext.Current.SendDiagnosticMessage(
                $"{killer.Kills} kills, requests in flight at each: {string.Join(", ", killer.PerKill)}; {Notices(mail).Count - Recipients} repeated notices without the provider lookup");
        }
        finally
        {
            await process.DisposeAsync();
        }
    }

    private CrashRun NewRun(MailCaptureServer mail, bool activityLookup) =>
        CrashRun.New(azurite, mail, GeneratedDirectory.Write(Customers, ContactsPerCustomer), sendBatchSize: 20, activityLookup);

    private static Task<AppProcess> StartAsync(CrashRun run) => run.StartAsync();

    private async Task<string> PostAndApproveAsync(CrashRun run)
    {
        using var http = new HttpClient(new ClassificationSettler(new IncidentStore(Clients(run), TimeProvider.System), new OutboxStore(Clients(run)))) { BaseAddress = run.BaseAddress };
        var accepted = await http.SendAsync(TestApp.SignedDetection(GeneratedDirectory.Detection("crash-1")));
        accepted.EnsureSuccessStatusCode();
        var incidentId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incidentId").GetString()!;
        var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{incidentId}/decision") { Content = JsonContent.Create(new { decision = "approve" }) };
        approve.Headers.Authorization = new("Bearer", TestApp.CommanderKey);
        (await http.SendAsync(approve)).EnsureSuccessStatusCode();
        return incidentId;
    }

    private static StorageClients Clients(CrashRun run) => run.Clients();

    private async Task AssertHistoryConsistentAsync(CrashRun run, string incidentId, int expectedSent)
    {
        var clients = Clients(run);
        var store = new IncidentStore(clients, TimeProvider.System);
        var stored = await store.LoadAsync(incidentId);
        var history = await store.HistoryAsync(stored!);
        Assert.NotNull(stored);
        Assert.Equal(stored.State.Version, history.Count);
        Assert.Equal(Json(stored.State), Json(IncidentState.Replay(incidentId, history)));
        Assert.Single(history.OfType<IncidentApproved>());

        var notices = await new NoticeStore(clients).AllAsync(incidentId);
        Assert.Equal(expectedSent, notices.Count);
        await WaitForAsync(async () => (await new NoticeStore(clients).AllAsync(incidentId)).All(n => n.SentAt is not null), TimeSpan.FromSeconds(30));
    }

    private async Task<string> DescribeAsync(CrashRun run, string incidentId)
    {
        var clients = Clients(run);
        var notices = await new NoticeStore(clients).AllAsync(incidentId);
        var outbox = await new OutboxStore(clients).PendingAsync(incidentId);
        var letters = await new DeadLetterStore(clients, TimeProvider.System).ListAsync();
        return $"{notices.Count} records, by status {string.Join(", ", notices.GroupBy(n => n.Status).Select(g => $"{g.Key}={g.Count()}"))}; " +
               $"outbox {string.Join(", ", outbox.Select(o => o.Command.GetType().Name))}; dead letters {string.Join(" | ", letters.Select(l => l.Error))}";
    }

    private static List<CapturedMail> Notices(MailCaptureServer mail) => CrashRun.Notices(mail);

    private static string Json(IncidentState state) => JsonSerializer.Serialize(state, BreachNotify.DomainJson.Options);

    private static Task WaitForAsync(Func<bool> condition, TimeSpan timeout) => CrashRun.WaitForAsync(condition, timeout);

    private static Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout) => CrashRun.WaitForAsync(condition, timeout);
}
