using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.MailCapture;

namespace BreachNotify.Bench;

public sealed record FanOutResult(
    int Workers, int Expected, int Received, int DistinctRecipients, int Duplicates, int Missing, int Unexpected,
    TimeSpan ApprovalCall, TimeSpan FirstNotice, TimeSpan AllNotices, int SendGridRequests, int IncidentSentCount, TimeSpan IncidentReadTime,
    double WorkingSetBeforeMib, double PeakWorkingSetMib, int Customers, string Answers = "")
{
    public double Rate => Received / AllNotices.TotalSeconds;

    public bool ExactlyOnce => Received == Expected && Duplicates == 0 && Missing == 0 && Unexpected == 0;
}

/// <summary>
/// One detection naming the all-customers asset, approved; timed from the approval's answer to the capture holding
/// every notice. The first app (and the capture) stay alive for the acknowledgement scenario.
/// </summary>
public sealed class FanOutScenario : IAsyncDisposable
{
    private readonly List<AppProcess> _apps = [];

    private FanOutScenario(MailCaptureServer mail) => Mail = mail;

    public MailCaptureServer Mail { get; }

    public AppProcess App => _apps[0];

    public string IncidentId { get; private set; } = "";

    public IReadOnlyList<CapturedMail> Notices { get; private set; } = [];

    /// <summary>First line of the app's log that names an exception or error code (for the report).</summary>
    public static string Cause(string message)
    {
        var lines = message.Split('\n').Select(l => l.Trim()).ToList();
        var exception = lines.FirstOrDefault(l => l.Contains("Exception:", StringComparison.Ordinal) && !l.StartsWith("Unhandled", StringComparison.Ordinal));
        var code = lines.FirstOrDefault(l => l.StartsWith("ErrorCode:", StringComparison.Ordinal));
        return string.Join(" ", new[] { lines[0], exception, code }.Where(l => !string.IsNullOrEmpty(l)));
    }

    /// <param name="readIncident">
    /// Read <c>GET /api/incidents/{id}</c> (or the change's) afterwards for its <c>noticeCounts.sent</c> (after the peak working
    /// set is taken). Its counts come from the count rows (a row per 100 notices), so the 100,000-recipient row reads it too.
    /// </param>
    /// <param name="change">
    /// A sub-processor change instead of a breach incident: announced for the directory's service and approved, its notices
    /// to every contact (each has the role <c>subprocessor-changes</c>); timed and checked the same way.
    /// </param>
    public static async Task<(FanOutScenario Scenario, FanOutResult Result)> RunAsync(
        BenchOptions o, string tag, int workers, string workDir, CancellationToken ct, bool readIncident = true, bool change = false)
    {
        var scenario = new FanOutScenario(await MailCaptureServer.StartAsync(new MailCaptureOptions(), ct));
        try
        {
            var result = await scenario.RunCoreAsync(o, tag, workers, workDir, readIncident, change, ct);
            return (scenario, result);
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    private async Task<FanOutResult> RunCoreAsync(BenchOptions o, string tag, int workers, string workDir, bool readIncident, bool change, CancellationToken ct)
    {
        var ports = Enumerable.Range(0, workers).Select(_ => AppProcess.FreePort()).ToList();
        var front = new Uri($"http://127.0.0.1:{ports[0]}");
        var directory = BenchDirectory.Write(Path.Combine(workDir, $"directory-{tag}.json"), o.Customers, o.ContactsPerCustomer, front, languages: o.Languages, changeContacts: change);
        var prefix = $"bf{tag}";
        for (var w = 0; w < workers; w++)
        {
            var settings = BenchApi.Settings(front, o.ConnectionString, prefix, directory, Mail.BaseAddress);
            settings["Workflow:RunWorkers"] = "true";
            if (o.AppHeapLimitMib > 0)
            {
                settings["DOTNET_GCHeapHardLimit"] = (o.AppHeapLimitMib * 1024L * 1024L).ToString("X", System.Globalization.CultureInfo.InvariantCulture);
            }
            _apps.Add(await AppProcess.StartAsync(o.RepositoryRoot, $"fanout-{tag}-{w}", ports[w], settings, ct));
        }

        using var http = new HttpClient { BaseAddress = front, Timeout = TimeSpan.FromSeconds(120) };
        if (change)
        {
            IncidentId = await AnnounceChangeAsync(http, tag, ct);
        }
        else
        {
            await PostAndClassifyAsync(http, tag, ct);
        }

        var commanders = new HashSet<string>(BenchDirectory.CommanderEmails, StringComparer.OrdinalIgnoreCase);
        var expected = o.Customers * o.ContactsPerCustomer;
        var requestsBefore = Mail.RequestCount;

        var workingSetBefore = App.WorkingSetMib;
        var approveWatch = Stopwatch.StartNew();
        var decisionPath = change ? $"/api/subprocessor-changes/{IncidentId}/decision" : $"/api/incidents/{IncidentId}/decision";
        using (var decision = await http.SendAsync(BenchApi.AsCommander(HttpMethod.Post, decisionPath, new { decision = "approve", comment = "benchmark" }), ct))
        {
            if (!decision.IsSuccessStatusCode)
            {
                await Task.Delay(500, ct);
                throw new InvalidOperationException($"approval refused: {(int)decision.StatusCode} {await decision.Content.ReadAsStringAsync(ct)}{Environment.NewLine}app log tail:{Environment.NewLine}{App.Tail}");
            }
        }

        var approvalCall = approveWatch.Elapsed;
        var watch = Stopwatch.StartNew();
        TimeSpan? first = null;
        var limit = TimeSpan.FromSeconds(o.FanOutTimeoutSeconds);
        var lastCount = 0;
        // Each poll looks only at the mails captured since the last one (the capture holds up to 100,000) and counts those not
        // to a commander. Before 2026-12-04 it subtracted the commanders' mails counted at the approval, so a commanders' mail
        // arriving after it (row 1 and 1L have one) was taken for the first notice.
        var scanned = 0;
        var count = 0;
        while (true)
        {
            var mails = Mail.Mails;
            for (; scanned < mails.Count; scanned++)
            {
                if (!commanders.Contains(mails[scanned].To))
                {
                    count++;
                }
            }

            if (count > 0 && first is null)
            {
                first = watch.Elapsed;
            }

            if (count >= expected)
            {
                break;
            }

            if (watch.Elapsed > limit)
            {
                Console.WriteLine($"  fan-out {tag}: timed out after {limit.TotalSeconds:F0} s with {count}/{expected} notices");
                // Why, as far as the app said: its last warnings and failures (ids only, as everything it logs).
                foreach (var lines in _apps.Select(a => a.Tail.Split('\n')))
                {
                    var said = Enumerable.Range(0, lines.Length).Where(i => lines[i].StartsWith("warn:", StringComparison.Ordinal) || lines[i].StartsWith("fail:", StringComparison.Ordinal));
                    foreach (var i in said.TakeLast(5))
                    {
                        Console.WriteLine($"    {lines[i].Trim()} {(i + 1 < lines.Length ? lines[i + 1].Trim() : "")}");
                    }
                }

                break;
            }

            if (count / 1000 != lastCount / 1000)
            {
                Console.WriteLine($"  fan-out {tag}: {count}/{expected} notices after {watch.Elapsed.TotalSeconds:F1} s");
            }

            lastCount = count;
            await Task.Delay(50, ct);
        }

        var elapsed = watch.Elapsed;
        var peak = App.PeakWorkingSetMib;

        // Late duplicates (a retried batch, a second worker) would arrive after the count is reached: look again.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        Notices = [.. Mail.Mails.Where(m => !commanders.Contains(m.To))];
        var wanted = new HashSet<string>(
            Enumerable.Range(1, o.Customers).SelectMany(c => Enumerable.Range(1, o.ContactsPerCustomer).Select(k => BenchDirectory.ContactEmail(c, k))),
            StringComparer.OrdinalIgnoreCase);
        var byRecipient = Notices.GroupBy(m => m.To, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var duplicates = byRecipient.Values.Sum(n => n - 1);
        var missing = wanted.Count(w => !byRecipient.ContainsKey(w));
        var unexpected = byRecipient.Keys.Count(k => !wanted.Contains(k));

        var readWatch = Stopwatch.StartNew();
        var sent = readIncident
            ? BenchApi.Count(await BenchApi.ReadAsync(http, (change ? $"/api/subprocessor-changes/{IncidentId}" : $"/api/incidents/{IncidentId}") + "?noticeLimit=1", ct), "sent")
            : -1;
        var readTime = readWatch.Elapsed;

        return new FanOutResult(
            workers, expected, Notices.Count, byRecipient.Count, duplicates, missing, unexpected,
            approvalCall, first ?? elapsed, elapsed, Mail.RequestCount - requestsBefore, sent, readTime, workingSetBefore, peak, o.Customers,
            // What the capture answered (the commanders' mails included): a status other than 202 explains a missing notice.
            string.Join(", ", Mail.Requests.Where(r => r.RequestNumber > requestsBefore).GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}")));
    }

    private async Task PostAndClassifyAsync(HttpClient http, string tag, CancellationToken ct)
    {
        var body = BenchApi.GenericDetection($"bench-fanout-{tag}", "Bench: exfiltration from the all-customers database", BenchDirectory.AssetAlias);
        using (var posted = await http.SendAsync(BenchApi.SignedDetection(body), ct))
        {
            var answer = await posted.Content.ReadAsStringAsync(ct);
            if ((int)posted.StatusCode != 202)
            {
                await Task.Delay(500, ct); // let the app's error log reach the pipe
                throw new InvalidOperationException($"detection refused: {(int)posted.StatusCode} {answer}{Environment.NewLine}app log tail:{Environment.NewLine}{App.Tail}");
            }

            IncidentId = JsonDocument.Parse(answer).RootElement.GetProperty("incidentId").GetString()!;
        }

        // Classified (the workers' first step) before the commander can approve.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = (await BenchApi.ReadIncidentAsync(http, IncidentId, ct)).GetProperty("status").GetString();
            if (status == "AwaitingDecision")
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"incident {IncidentId} still {status} after 60 s:{Environment.NewLine}{App.Tail}");
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>Announces a change for every customer of the directory's one service, effective in 60 days; its id.</summary>
    private async Task<string> AnnounceChangeAsync(HttpClient http, string tag, CancellationToken ct)
    {
        var change = new
        {
            kind = "add",
            subprocessor = new { id = $"bench-relay-{tag}", name = "Bench Relay", entity = "Bench Relay Ltd", purpose = "Transactional email", location = "IE" },
            services = new[] { "core-platform" },
            effectiveAt = DateTimeOffset.UtcNow.AddDays(60),
        };
        using var announced = await http.SendAsync(BenchApi.AsCommander(HttpMethod.Post, "/api/subprocessor-changes", change), ct);
        var answer = await announced.Content.ReadAsStringAsync(ct);
        if ((int)announced.StatusCode != 201)
        {
            await Task.Delay(500, ct);
            throw new InvalidOperationException($"change refused: {(int)announced.StatusCode} {answer}{Environment.NewLine}app log tail:{Environment.NewLine}{App.Tail}");
        }

        return JsonDocument.Parse(answer).RootElement.GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await Mail.DisposeAsync();
    }
}
