using System.Globalization;
using BreachNotify.MailCapture;
using BreachNotify.Notices;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>
/// Kills the app's process (SIGKILL) while a fan-out sends, the moment the mail capture takes a request, and accounts for the
/// requests in flight at each kill: a request the capture took whose notices (that very attempt) are still "sending" in the
/// rows the kill left. Each work item may have at most one such request (a request's outcome is recorded before the next
/// goes), and a notice may go out twice only if its first copy was in one of them (<see cref="AssertRepeatsOnlyInFlight"/>).
/// </summary>
/// <param name="rows">The matter's notice rows, read after each kill.</param>
/// <param name="counts">Which captured mails are the fan-out's notices.</param>
/// <param name="sendBatchSize">Notices per send work item (<c>Workflow:SendBatchSize</c>): a notice's item is its index divided by it.</param>
public sealed class FanOutKiller(
    MailCaptureServer mail, Func<Task<IReadOnlyList<NoticeRecord>>> rows, Func<CapturedMail, bool> counts, int sendBatchSize, int concurrency)
{
    /// <summary>The capture's numbers of the requests found in flight at a kill.</summary>
    public HashSet<int> InFlight { get; } = [];

    /// <summary>Per kill, how many requests were newly found in flight.</summary>
    public List<int> PerKill { get; } = [];

    public int Kills { get; private set; }

    public List<CapturedMail> Notices => [.. mail.Mails.Where(counts)];

    /// <summary>
    /// Up to <paramref name="rounds"/> times, while fewer than <paramref name="expected"/> notices went out: waits for a few more
    /// notices, then kills the process the moment the capture takes a request, checks the in-flight bound and restarts.
    /// Returns the process that runs at the end.
    /// </summary>
    public async Task<AppProcess> KillRepeatedlyAsync(AppProcess process, Func<Task<AppProcess>> restart, int expected, Random random, int rounds = 3)
    {
        var ct = TestContext.Current.CancellationToken;
        for (var round = 0; round < rounds && Notices.Count < expected; round++)
        {
            var before = Notices.Count;
            await WaitForAsync(() => Task.FromResult(Notices.Count >= Math.Min(expected, before + 20)), TimeSpan.FromSeconds(60));
            await Task.Delay(random.Next(0, 300), ct);
            try
            {
                await mail.WaitForMailsAsync(mail.Mails.Count + 1, TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                break; // The fan-out finished first.
            }

            process.Kill();
            Kills++;
            await process.DisposeAsync();
            // The app is dead: its notice rows stay as the kill left them.
            await Task.Delay(200, ct);
            var sending = (await rows()).Where(n => n.State == NoticeStatus.Sending).Select(n => $"{n.IncidentId}/{n.NoticeId}#{n.Attempts}").ToHashSet();
            var requests = Notices
                .Where(m => sending.Contains($"{m.CustomArgs["notice_ref"]}#{m.CustomArgs["attempt"]}"))
                .GroupBy(m => m.RequestNumber)
                .ToList();
            // A request the resilience pipeline sent again after an attempt timed out is the same request: the same notices, the
            // same attempt. Otherwise no notice is in two requests in flight, and each request is of one work item. One item
            // can have two: a run on 2026-12-04 caught two requests of one item in flight, each holding whole storage batches
            // as one worker claims them, as when two workers run the item after a restart; the bound is then one per worker
            // (below), not one per item.
            var distinct = requests
                .GroupBy(r => string.Join(",", r.Select(m => $"{m.CustomArgs["notice_ref"]}#{m.CustomArgs["attempt"]}").Order()))
                .Select(same => same.First().Select(m => m.CustomArgs["notice_ref"]).ToList())
                .ToList();
            var described = string.Join(" | ", requests.Select(r => $"request {r.Key}: {string.Join(",", r.Select(m => m.CustomArgs["notice_ref"].Split('/')[1] + "#" + m.CustomArgs["attempt"]))}"));
            Assert.True(distinct.SelectMany(n => n).Distinct().Count() == distinct.Sum(n => n.Count), described);
            Assert.All(distinct, n => Assert.Single(n.Select(r => NoticeId.IndexOf(r.Split('/')[1]) / sendBatchSize).Distinct()));
            // Besides those an earlier kill left that nobody has taken over yet (their lease runs), one per busy worker.
            var fresh = requests.Where(r => !InFlight.Contains(r.Key)).ToList();
            Assert.InRange(fresh.Select(r => string.Join(",", r.Select(m => m.CustomArgs["notice_ref"]).Order())).Distinct().Count(), 0, concurrency);
            PerKill.Add(fresh.Count);
            InFlight.UnionWith(requests.Select(r => r.Key));
            process = await restart();
        }

        return process;
    }

    /// <summary>Every notice that went out more than once had each earlier copy in a request in flight at a kill.</summary>
    public void AssertRepeatsOnlyInFlight()
    {
        var repeated = Notices.GroupBy(m => m.CustomArgs["notice_ref"]).Where(g => g.Count() > 1).ToList();
        Assert.All(repeated, g => Assert.All(g.OrderBy(m => m.RequestNumber).SkipLast(1), m => Assert.Contains(m.RequestNumber, InFlight)));
        Assert.InRange(Notices.Count - Notices.Select(m => m.CustomArgs["notice_ref"]).Distinct().Count(), 0, Notices.Count(m => InFlight.Contains(m.RequestNumber)));
    }

    public static int Concurrency(IReadOnlyDictionary<string, string?> settings) => int.Parse(settings["Workflow:Concurrency"]!, CultureInfo.InvariantCulture);

    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold in time.");
            }

            await Task.Delay(200);
        }
    }
}
