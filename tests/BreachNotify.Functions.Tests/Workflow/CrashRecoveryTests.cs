using System.Net.Http.Json;
using System.Text.Json;
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
        // SendGrid takes each request at once but answers 250 ms later: a kill the moment it takes one lands before the app hears,
        // and what a restarted app has left to send outlasts the next round's wait (at 100 ms a fresh clone's run saw it all go first).
        mail.Faults.Delay = TimeSpan.FromMilliseconds(50);
        mail.Faults.AnswerDelay = TimeSpan.FromMilliseconds(250);
        var run = NewRun(mail, activityLookup: false);
        // Each send item holds 40 notices (20 English, 20 German) sent as four requests of ten: a kill can land between them.
        const int SendBatchSize = 40;
        run.Settings["Workflow:SendBatchSize"] = SendBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        run.Settings["SendGrid:MaxRecipientsPerRequest"] = "10";
        // Kills, not timeouts: on a loaded machine a 1 s attempt timeout fires on a request SendGrid took, leaving its
        // notices uncertain (Sending) while the item goes on, which the in-flight count at a kill cannot tell apart.
        run.Settings["SendGrid:AttemptTimeoutSeconds"] = "5";
        run.Settings["SendGrid:TotalTimeoutSeconds"] = "6";
        run.Settings["Workflow:SendLeaseSeconds"] = "8";
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

    [Fact]
    public async Task FanOut_TwoWorkerProcessesAtOnce_EveryRecipientGetsExactlyOneNotice()
    {
        await using var mail = await MailCaptureServer.StartAsync(new MailCaptureOptions(), TestContext.Current.CancellationToken);
        mail.Faults.Delay = TimeSpan.FromMilliseconds(20);
        var run = NewRun(mail, activityLookup: false);
        var secondPort = AzuriteFixture.FreePort();
        var second = new Dictionary<string, string?>(run.Settings) { ["Urls"] = $"http://127.0.0.1:{secondPort}" };

        await using var first = await StartAsync(run);
        await using var other = AppProcess.Start(second);
        await other.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{secondPort}"), Ready);
        var incidentId = await PostAndApproveAsync(run);

        await WaitForAsync(() => Notices(mail).Count >= Recipients, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.Equal(Recipients, Notices(mail).Select(m => m.To).Distinct().Count());
        Assert.Equal(Recipients, Notices(mail).Count);
        await AssertHistoryConsistentAsync(run, incidentId, expectedSent: Recipients);
    }

    [Fact]
    public async Task FanOut_ProviderAnswering429And500ForAWhile_DeliversEverythingOnceWhenItRecovers()
    {
        await using var mail = await MailCaptureServer.StartAsync(new MailCaptureOptions(), TestContext.Current.CancellationToken);
        mail.Faults.FailNext(25, 429, TimeSpan.FromSeconds(1));
        var run = NewRun(mail, activityLookup: false);

        await using var process = await StartAsync(run);
        var incidentId = await PostAndApproveAsync(run);
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        mail.Faults.FailNext(25, 500);

        try
        {
            await WaitForAsync(() => Notices(mail).Count >= Recipients, TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Notices(mail).Count} notices; records: {await DescribeAsync(run, incidentId)}; app output: {process.Output}");
        }

        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.Equal(Recipients, Notices(mail).Count);
        Assert.Equal(Recipients, Notices(mail).Select(m => m.To).Distinct().Count());
        await AssertHistoryConsistentAsync(run, incidentId, expectedSent: Recipients);
    }

    [Fact]
    public async Task Ingest_KilledWhileDetectionsArrive_EveryDetectionEndsInOneIncidentClassifiedOnce()
    {
        const int Detections = 240;
        await using var mail = await MailCaptureServer.StartAsync(new MailCaptureOptions(), TestContext.Current.CancellationToken);
        var run = NewRun(mail, activityLookup: false);
        // One incident per detection: the same asset would otherwise correlate them all into a few.
        run.Settings["Ingest:CorrelationWindowMinutes"] = "0";
        var process = await StartAsync(run);
        var answers = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        using var http = new HttpClient { BaseAddress = run.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        async Task SendAllAsync(IEnumerable<int> which) =>
            await Parallel.ForEachAsync(which, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            {
                try
                {
                    using var response = await http.SendAsync(TestApp.SignedDetection(GeneratedDirectory.Detection($"kill-{i:D4}")), ct);
                    answers[i] = response.StatusCode == System.Net.HttpStatusCode.Accepted
                        ? (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("incidentId").GetString()!
                        : $"status {(int)response.StatusCode}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The process died under this request: the SIEM would send it again.
                }
            });

        var sending = SendAllAsync(Enumerable.Range(0, Detections));
        await WaitForAsync(() => answers.Count >= Detections / 4, TimeSpan.FromSeconds(60));
        process.Kill();
        await sending;
        await process.DisposeAsync();
        var beforeKill = answers.Count;
        process = await StartAsync(run);

        try
        {
            // The SIEM resends what got no answer; the resend of one that was stored anyway answers as a duplicate.
            await SendAllAsync(Enumerable.Range(0, Detections).Where(i => !answers.ContainsKey(i)));
            Assert.True(beforeKill < Detections, "the kill landed after every detection was answered");
            Assert.All(answers.Values, a => Assert.StartsWith("inc-", a));
            Assert.Equal(Detections, answers.Values.Distinct().Count());

            var store = new IncidentStore(Clients(run), TimeProvider.System);
            await WaitForAsync(async () => await ClassifiedAsync(store, answers.Values) >= Detections, TimeSpan.FromSeconds(90));
            foreach (var incidentId in answers.Values)
            {
                // The approval-request timer may append events meanwhile: compare state and history of one moment
                // (the state row unchanged while the history was read).
                StoredIncident stored;
                IReadOnlyList<IncidentEvent> history;
                do
                {
                    stored = (await store.LoadAsync(incidentId, TestContext.Current.CancellationToken))!;
                    history = await store.HistoryAsync(stored, TestContext.Current.CancellationToken);
                }
                while ((await store.LoadAsync(incidentId, TestContext.Current.CancellationToken))!.ETag != stored.ETag);

                Assert.Single(history.OfType<DetectionRecorded>());
                Assert.Single(history.OfType<IncidentClassified>());
                Assert.Equal(stored.State.Version, history.Count);
            }
        }
        finally
        {
            await process.DisposeAsync();
        }
    }

    private CrashRun NewRun(MailCaptureServer mail, bool activityLookup) =>
        CrashRun.New(azurite, mail, GeneratedDirectory.Write(Customers, ContactsPerCustomer), sendBatchSize: 20, activityLookup);

    private static Task<AppProcess> StartAsync(CrashRun run) => run.StartAsync();

    private static async Task<string> PostAndApproveAsync(CrashRun run)
    {
        using var http = run.Http();
        var incidentId = await CrashRun.PostDetectionAsync(http, GeneratedDirectory.Detection("crash-1"));
        await CrashRun.DecideAsync(http, incidentId, "approve");
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
        // Kills, takeovers and retries never leave the count rows apart from the rows.
        Assert.Equal(expectedSent, (await NoticeCountCheck.AssertCountRowsMatchRowsAsync(new NoticeStore(clients), incidentId)).Sent);
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

    /// <summary>How many of the incidents are past <see cref="IncidentStatus.Received"/> (point reads of their state rows).</summary>
    private static async Task<int> ClassifiedAsync(IncidentStore store, IEnumerable<string> incidentIds)
    {
        var classified = 0;
        foreach (var incidentId in incidentIds)
        {
            if ((await store.LoadAsync(incidentId, TestContext.Current.CancellationToken))?.State.Status is { } status && status != IncidentStatus.Received)
            {
                classified++;
            }
        }

        return classified;
    }
}
