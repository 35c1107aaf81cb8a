using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.Functions.Tests.Infrastructure;
using BreachNotify.MailCapture;
using BreachNotify.Notices;
using BreachNotify.SubprocessorChanges;
using Microsoft.Extensions.Logging.Abstractions;

namespace BreachNotify.Functions.Tests.Workflow;

/// <summary>
/// The crash test of <see cref="CrashRecoveryTests"/> for a sub-processor change: the real app as child processes against
/// Azurite and a SendGrid capture, SIGKILL during the change's fan-out (no provider lookup), restarts. Every frozen
/// recipient gets its notice, and a notice goes out twice only when its first copy was in a request in flight at a kill.
/// </summary>
public sealed class ChangeCrashRecoveryTests(AzuriteFixture azurite)
{
    private const int Customers = 30;
    private const int ContactsPerCustomer = 10;
    private const int Recipients = Customers * ContactsPerCustomer;
    private const int SendBatchSize = 40;

    [Fact]
    public async Task ChangeFanOut_KilledWithoutProviderLookup_EveryRecipientOnce_OutsideTheOneRequestInFlightPerWorkItem()
    {
        await using var mail = await MailCaptureServer.StartAsync(new MailCaptureOptions(), Ct);
        // SendGrid takes each request at once but answers 100 ms later: a kill the moment it takes one lands before the app hears.
        mail.Faults.Delay = TimeSpan.FromMilliseconds(50);
        mail.Faults.AnswerDelay = TimeSpan.FromMilliseconds(100);
        var run = NewRun(mail);
        var kills = 0;
        var inFlight = new HashSet<int>();
        var perKill = new List<int>();
        var random = new Random(20261203);

        var process = await StartAsync(run);
        var changeId = await AnnounceAndApproveAsync(run);
        for (var round = 0; round < 3 && Notices(mail).Count < Recipients; round++)
        {
            if (round == 0)
            {
                // The first kill after some progress; later ones at the restarted app's first request, so that a fast
                // restart on a loaded machine cannot finish the fan-out before the second kill.
                await WaitForAsync(() => Notices(mail).Count >= 20, TimeSpan.FromSeconds(60));
                await Task.Delay(random.Next(0, 300), Ct);
            }

            // The next request, or the end of the fan-out: notices a kill left "sending" go again only after their lease.
            var next = mail.Mails.Count + 1;
            await WaitForAsync(() => mail.Mails.Count >= next || Notices(mail).Select(m => m.To).Distinct().Count() >= Recipients, TimeSpan.FromSeconds(120));
            if (mail.Mails.Count < next)
            {
                break; // The fan-out finished first.
            }

            process.Kill();
            kills++;
            await process.DisposeAsync();
            // The app is dead: its notice rows stay as the kill left them. A request in flight is one the capture took whose
            // notices (this very attempt) are still "sending".
            await Task.Delay(200, Ct);
            var sending = (await new NoticeStore(Clients(run)).AllAsync(changeId, Ct))
                .Where(n => n.State == NoticeStatus.Sending)
                .Select(n => $"{n.IncidentId}/{n.NoticeId}#{n.Attempts}")
                .ToHashSet();
            var requests = Notices(mail)
                .Where(m => sending.Contains($"{m.CustomArgs["notice_ref"]}#{m.CustomArgs["attempt"]}"))
                .GroupBy(m => m.RequestNumber)
                .ToList();
            // A request the resilience pipeline sent again after an attempt timed out (a loaded machine) is the same request: the
            // same notices in the same attempt. Each work item has at most one such request unrecorded.
            var items = requests
                .GroupBy(r => string.Join(",", r.Select(m => $"{m.CustomArgs["notice_ref"]}#{m.CustomArgs["attempt"]}").Order()))
                .Select(same => same.First().Select(m => NoticeId.IndexOf(m.CustomArgs["notice_ref"].Split('/')[1]) / SendBatchSize).Distinct().Single())
                .ToList();
            Assert.True(items.Distinct().Count() == items.Count, string.Join(" | ", requests.Select(r => $"request {r.Key}: {string.Join(",", r.Select(m => m.CustomArgs["notice_ref"].Split('/')[1] + "#" + m.CustomArgs["attempt"]))}")));
            Assert.InRange(requests.Where(r => !inFlight.Contains(r.Key)).Select(r => string.Join(",", r.Select(m => m.CustomArgs["notice_ref"]).Order())).Distinct().Count(), 0, int.Parse(run.Settings["Workflow:Concurrency"]!, System.Globalization.CultureInfo.InvariantCulture));
            perKill.Add(requests.Count(r => !inFlight.Contains(r.Key)));
            inFlight.UnionWith(requests.Select(r => r.Key));
            process = await StartAsync(run);
        }

        try
        {
            await WaitForAsync(() => Notices(mail).Select(m => m.To).Distinct().Count() >= Recipients, TimeSpan.FromSeconds(120));
            await WaitForAsync(async () => (await new NoticeStore(Clients(run)).AllAsync(changeId)).All(n => n.State != NoticeStatus.Sending && n.SentAt is not null), TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            Assert.True(kills >= 2, $"only {kills} kills landed before the fan-out finished");

            // Exactly the frozen recipients, each once, but for the copies of requests in flight at a kill.
            var store = new SubprocessorChangeStore(Clients(run), TimeProvider.System, NullLogger<SubprocessorChangeStore>.Instance);
            var state = (await store.LoadAsync(changeId, Ct))!.State;
            Assert.Equal(Recipients, state.RecipientCount);
            var frozen = await new FrozenRecipientStore(Clients(run)).AllAsync(changeId, 0, state.Frozen!, Ct);
            Assert.Equal(frozen.Select(r => r.Email).Order(), Notices(mail).Select(m => m.To).Distinct().Order());
            var repeated = Notices(mail).GroupBy(m => m.To).Where(g => g.Count() > 1).ToList();
            Assert.All(repeated, g => Assert.All(g.OrderBy(m => m.RequestNumber).SkipLast(1), m => Assert.Contains(m.RequestNumber, inFlight)));
            var repeats = Notices(mail).Count - Recipients;
            Assert.InRange(repeats, 0, perKill.Sum() * 10);
            Assert.All(Notices(mail), m => Assert.StartsWith($"{changeId}/", m.CustomArgs["notice_ref"], StringComparison.Ordinal));

            // One notice row per frozen recipient, and the change's history unharmed: approved once, state the fold of its history.
            Assert.Equal(Recipients, (await new NoticeStore(Clients(run)).AllAsync(changeId, Ct)).Count);
            var history = await store.HistoryAsync(changeId, Ct);
            Assert.Single(history.OfType<ChangeApproved>());
            Assert.Equal(state.Version, history.Count);
            Assert.Equal(JsonSerializer.Serialize(state, BreachNotify.DomainJson.Options), JsonSerializer.Serialize(SubprocessorChangeState.Replay(changeId, history), BreachNotify.DomainJson.Options));
            TestContext.Current.SendDiagnosticMessage($"{kills} kills, requests in flight at each: {string.Join(", ", perKill)}; {repeats} repeated notices without the provider lookup");
        }
        finally
        {
            await process.DisposeAsync();
        }
    }

    [Fact]
    public async Task ObjectionWindows_KilledWhileTheyClose_EveryWindowClosesOnce_WithOneConsentPerCustomer()
    {
        const int changes = 80;
        const int customers = 5;
        await using var mail = await MailCaptureServer.StartAsync(new MailCaptureOptions(), Ct);
        var run = CrashRun.New(azurite, mail, GeneratedDirectory.Write(customers, 1), SendBatchSize);
        // The changes were approved 20 days ago (an in-process app on a fake clock, on the run's storage): the customers'
        // 15-day windows have all closed without an answer, so the first sweep of the real app starts closing them.
        var ids = new List<string>();
        await using (var seed = await TestApp.StartAsync(azurite, s =>
        {
            s["Storage:Prefix"] = run.Settings["Storage:Prefix"];
            s["Directory:Path"] = run.Settings["Directory:Path"];
            s["Workflow:RunWorkers"] = "false";
        }, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-20))))
        {
            for (var i = 0; i < changes; i++)
            {
                ids.Add(await SubprocessorChanges.ChangeApi.AnnounceAndApproveAsync(seed, new
                {
                    kind = "add",
                    subprocessor = new { id = $"relay-{i}", name = $"Relay {i}", entity = "Relay Ltd", purpose = "Transactional email", location = "IE" },
                    services = new[] { "core" },
                    effectiveAt = DateTimeOffset.UtcNow.AddDays(10),
                }, Ct));
            }
        }

        var store = new SubprocessorChangeStore(Clients(run), TimeProvider.System, NullLogger<SubprocessorChangeStore>.Instance);
        async Task<int> OpenAsync()
        {
            // The changes with a window timer set (a point read of each one's pointer).
            var open = 0;
            foreach (var id in ids)
            {
                open += await store.Windows.DueAtAsync(id, Ct) is null ? 0 : 1;
            }

            return open;
        }

        Assert.Equal(changes, await OpenAsync());
        var kills = 0;
        var process = await StartAsync(run);
        try
        {
            for (var round = 0; round < 3; round++)
            {
                var before = await OpenAsync();
                if (before == 0)
                {
                    break;
                }

                // Kill once some of the windows still open have closed: in the middle of a sweep's closing.
                await WaitForAsync(async () => await OpenAsync() < before, TimeSpan.FromSeconds(60));
                if (await OpenAsync() == 0)
                {
                    break;
                }

                process.Kill();
                kills++;
                await process.DisposeAsync();
                process = await StartAsync(run);
            }

            await WaitForAsync(async () => await OpenAsync() == 0, TimeSpan.FromSeconds(120));
            Assert.True(kills >= 1, "no kill landed while the windows were closing");

            foreach (var id in ids)
            {
                // The change's clocks (its notice deadline) may append events meanwhile: compare state and history of one
                // moment (the state unchanged while the history was read).
                SubprocessorChangeState state;
                IReadOnlyList<SubprocessorChangeEvent> history;
                do
                {
                    state = (await store.LoadAsync(id, Ct))!.State;
                    history = await store.HistoryAsync(id, Ct);
                }
                while ((await store.LoadAsync(id, Ct))!.State.Version != state.Version);

                var consents = history.OfType<ConsentRecorded>().ToList();
                Assert.Equal(Enumerable.Range(0, customers).Select(c => $"c{c:D4}"), consents.Select(c => c.CustomerId).Order());
                Assert.All(consents, c => Assert.Equal(ConsentBasis.NoObjectionInWindow, c.Basis));
                Assert.All(consents, c => Assert.Equal(state.Window(c.CustomerId)!.ObjectByAt, c.At));
                Assert.Equal(state.Version, history.Count);
                Assert.Equal(JsonSerializer.Serialize(state, BreachNotify.DomainJson.Options), JsonSerializer.Serialize(SubprocessorChangeState.Replay(id, history), BreachNotify.DomainJson.Options));
            }

            TestContext.Current.SendDiagnosticMessage($"{kills} kills while {changes} changes' windows closed");
        }
        finally
        {
            await process.DisposeAsync();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CrashRun NewRun(MailCaptureServer mail)
    {
        // Each send item holds 40 notices (20 English, 20 German) sent as four requests of ten: a kill can land between them.
        return CrashRun.New(azurite, mail, GeneratedDirectory.Write(Customers, ContactsPerCustomer), SendBatchSize, maxRecipientsPerRequest: 10);
    }

    private static Task<AppProcess> StartAsync(CrashRun run) => run.StartAsync();

    private static async Task<string> AnnounceAndApproveAsync(CrashRun run)
    {
        using var http = new HttpClient { BaseAddress = run.BaseAddress };
        var announce = new HttpRequestMessage(HttpMethod.Post, "/api/subprocessor-changes")
        {
            Content = JsonContent.Create(new
            {
                kind = "add",
                subprocessor = new { id = "crash-relay", name = "Crash Relay", entity = "Crash Relay Ltd", purpose = "Transactional email", location = "IE" },
                services = new[] { "core" },
                effectiveAt = DateTimeOffset.UtcNow.AddDays(60),
            }),
        };
        announce.Headers.Authorization = new("Bearer", TestApp.CommanderKey);
        using var announced = await http.SendAsync(announce);
        announced.EnsureSuccessStatusCode();
        var id = (await announced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/subprocessor-changes/{id}/decision") { Content = JsonContent.Create(new { decision = "approve" }) };
        approve.Headers.Authorization = new("Bearer", TestApp.CommanderKey);
        (await http.SendAsync(approve)).EnsureSuccessStatusCode();
        return id;
    }

    private static StorageClients Clients(CrashRun run) => run.Clients();

    private static List<CapturedMail> Notices(MailCaptureServer mail) => CrashRun.Notices(mail);

    private static Task WaitForAsync(Func<bool> condition, TimeSpan timeout) => CrashRun.WaitForAsync(condition, timeout);

    private static Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout) => CrashRun.WaitForAsync(condition, timeout);
}
