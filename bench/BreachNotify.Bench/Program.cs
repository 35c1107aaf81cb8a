using System.Diagnostics;
using System.Globalization;
using System.Text;
using BreachNotify.Bench;

// The BreachNotify throughput benchmark: see bench/README.md. Every product number is printed beside Azurite's own
// rate measured in the same run, on the same Azurite, because these machines are shared and noisy.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var o = BenchOptions.Parse(args);
using var total = new CancellationTokenSource(TimeSpan.FromMinutes(12));
var ct = total.Token;
var run = (Environment.TickCount64 % 100_000).ToString("D5", CultureInfo.InvariantCulture);
var workDir = Directory.CreateTempSubdirectory("breachnotify-bench-").FullName;
var clock = Stopwatch.StartNew();
void Step(string text) => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1} s] {text}");

Step($"raw baselines (start): {o.RawUpserts} upserts, {o.RawQueueCycles} queue cycles, concurrency {o.RawConcurrency}");
var upsertA = await RawBaselines.UpsertRateAsync(o.ConnectionString, o.RawUpserts, o.RawConcurrency, "a", ct);
var queueA = await RawBaselines.QueueCycleRateAsync(o.ConnectionString, o.RawQueueCycles, o.RawConcurrency, "a", ct);
var floorA = await RawBaselines.IngestFloorRateAsync(o.ConnectionString, o.RawQueueCycles, o.IngestConcurrency, "a", ct);
var insertA = await RawBaselines.IngestFloorRateAsync(o.ConnectionString, o.RawQueueCycles, o.IngestConcurrency, "ta", ct, withQueueMessage: false);
Step($"  upsert {upsertA:F0}/s, queue cycle {queueA:F0}/s, ingest storage floor {floorA:F0}/s, insert alone {insertA:F0}/s");

FanOutResult? fan1 = null;
AckResult? acks = null;
FanOutResult? fan2 = null;
FanOutResult? fanLarge = null;
FanOutResult? fanChange = null;
var sizeFailures = new List<string>();
if (o.Scenarios.Contains("fanout") || o.Scenarios.Contains("fanout-large") || o.Scenarios.Contains("change-fanout"))
{
    // A small fan-out first, not reported: the bench's own mail capture (its SendGrid endpoint) runs cold code the first
    // time it takes a request of hundreds of personalizations, which would be counted in row 1's first notice.
    Step("warm-up: a fan-out of 2 x 20 recipients (not reported)");
    var (warm, _) = await FanOutScenario.RunAsync(o with { Customers = 2, ContactsPerCustomer = 20 }, run + "w", 1, workDir, ct, readIncident: false);
    await warm.DisposeAsync();
    await RawBaselines.DropAsync(o.ConnectionString, $"bf{run}w");
}

if (o.Scenarios.Contains("fanout"))
{
    FanOutScenario? scenario1 = null;
    FanOutResult? r1 = null;
    var attempt = 0;
    // The full size first; if the app cannot take it, smaller directories, so that the other numbers still come out.
    foreach (var customers in new[] { o.Customers, 75, 50, 40, 30, 25, 20, 15, 10 }.Where(c => c <= o.Customers).Distinct())
    {
        o = o with { Customers = customers };
        Step($"fan-out, 1 worker process: {o.Customers} x {o.ContactsPerCustomer} recipients");
        try
        {
            (scenario1, r1) = await FanOutScenario.RunAsync(o, $"{run}a{attempt}", 1, workDir, ct);
            break;
        }
        catch (Exception e) when (e.Message.StartsWith("detection refused", StringComparison.Ordinal) || e.Message.StartsWith("approval refused", StringComparison.Ordinal)
            || (e is TimeoutException && e.Message.StartsWith("incident", StringComparison.Ordinal)))
        {
            var cause = FanOutScenario.Cause(e.Message);
            sizeFailures.Add($"{o.Customers * o.ContactsPerCustomer} recipients: {cause}");
            Step($"  FAILED: {cause}");
            await RawBaselines.DropAsync(o.ConnectionString, $"bf{run}a{attempt}");
            attempt++;
        }
    }

    if (scenario1 is null || r1 is null)
    {
        Console.Error.WriteLine("bench: no directory size could be fanned out");
        return 2;
    }

    await using (scenario1)
    {
        fan1 = r1;
        Step($"  {fan1.Received}/{fan1.Expected} notices in {fan1.AllNotices.TotalSeconds:F2} s ({fan1.Rate:F0}/s), first after {fan1.FirstNotice.TotalSeconds:F2} s, exactly once: {fan1.ExactlyOnce}");
        o = o with { Acks = Math.Min(o.Acks, fan1.Received) };
        Step($"acknowledgements: {o.Acks} with {o.AckConcurrency} concurrent recipients");
        acks = await AckScenario.RunAsync(scenario1, o.Acks, o.AckConcurrency, ct);
        Step($"  {acks.Recorded}/{acks.Attempted} recorded in {acks.Elapsed.TotalSeconds:F2} s ({acks.Rate:F0}/s); incident says {acks.IncidentAcknowledged}");
    }

    await RawBaselines.DropAsync(o.ConnectionString, $"bf{run}a{attempt}");

    if (o.TwoWorkers)
    {
        Step("fan-out, 2 worker processes (competing consumers, same storage)");
        var (scenario2, r2) = await FanOutScenario.RunAsync(o, run + "b", 2, workDir, ct);
        await using (scenario2)
        {
            fan2 = r2;
        }

        await RawBaselines.DropAsync(o.ConnectionString, $"bf{run}b");

        Step($"  {fan2.Received}/{fan2.Expected} notices in {fan2.AllNotices.TotalSeconds:F2} s ({fan2.Rate:F0}/s), exactly once: {fan2.ExactlyOnce}");
    }
}

if (o.Scenarios.Contains("fanout-large"))
{
    // The same fan-out with ten times the recipients (100 parties of 1,000 contacts): the rate must not fall, nor the
    // app's peak working set grow with the recipient count.
    var large = o with { Customers = o.LargeCustomers, ContactsPerCustomer = o.LargeContactsPerCustomer };
    Step($"fan-out, 1 worker process, large: {large.Customers} x {large.ContactsPerCustomer} recipients");
    var (scenarioL, rL) = await FanOutScenario.RunAsync(large, run + "l", 1, workDir, ct);
    await using (scenarioL)
    {
        fanLarge = rL;
    }

    await RawBaselines.DropAsync(o.ConnectionString, $"bf{run}l");
    Step($"  {fanLarge.Received}/{fanLarge.Expected} notices in {fanLarge.AllNotices.TotalSeconds:F2} s ({fanLarge.Rate:F0}/s), first after {fanLarge.FirstNotice.TotalSeconds:F2} s, "
        + $"peak working set {fanLarge.PeakWorkingSetMib:F0} MiB, exactly once: {fanLarge.ExactlyOnce}");
}

if (o.Scenarios.Contains("change-fanout"))
{
    // A sub-processor change on the same engine: announced and approved, one notice per contact of every customer.
    Step($"change fan-out, 1 worker process: {o.Customers} customers x {o.ContactsPerCustomer} contacts");
    var (scenarioC, rC) = await FanOutScenario.RunAsync(o, run + "s", 1, workDir, ct, change: true);
    await using (scenarioC)
    {
        fanChange = rC;
    }

    await RawBaselines.DropAsync(o.ConnectionString, $"bf{run}s");
    Step($"  {fanChange.Received}/{fanChange.Expected} notices in {fanChange.AllNotices.TotalSeconds:F2} s ({fanChange.Rate:F0}/s), first after {fanChange.FirstNotice.TotalSeconds:F2} s, "
        + $"peak working set {fanChange.PeakWorkingSetMib:F0} MiB, exactly once: {fanChange.ExactlyOnce}");
}

IngestResult? ingest = null;
IngestResult? ingestW = null;
IngestResult? ingestC = null;
if (o.Scenarios.Contains("ingest"))
{
    Step($"ingest, workers off: {o.Detections} detections, {o.IngestConcurrency} senders");
    ingest = await IngestScenario.RunAsync(o, run + "c", runWorkers: false, ct);
    await RawBaselines.DropAsync(o.ConnectionString, $"bi{run}c");
    Step($"  {ingest.Accepted}/{ingest.Attempted} accepted in {ingest.Elapsed.TotalSeconds:F2} s ({ingest.Rate:F0}/s)");

    Step($"ingest, workers off, correlation on: {o.Detections} detections on as many assets, {o.IngestConcurrency} senders");
    ingestC = await IngestScenario.RunAsync(o, run + "e", runWorkers: false, ct, correlation: true);
    await RawBaselines.DropAsync(o.ConnectionString, $"bi{run}e");
    Step($"  {ingestC.Accepted}/{ingestC.Attempted} accepted in {ingestC.Elapsed.TotalSeconds:F2} s ({ingestC.Rate:F0}/s)");
}

if (o.Scenarios.Contains("ingest") && o.IngestWithWorkers)
{
    Step($"ingest, workers on: {o.Detections} detections, {o.IngestConcurrency} senders");
    ingestW = await IngestScenario.RunAsync(o, run + "d", runWorkers: true, ct);
    await RawBaselines.DropAsync(o.ConnectionString, $"bi{run}d");
    Step($"  {ingestW.Accepted}/{ingestW.Attempted} accepted in {ingestW.Elapsed.TotalSeconds:F2} s ({ingestW.Rate:F0}/s)");
}

Step("raw baselines (end)");
var upsertB = await RawBaselines.UpsertRateAsync(o.ConnectionString, o.RawUpserts, o.RawConcurrency, "b", ct);
var queueB = await RawBaselines.QueueCycleRateAsync(o.ConnectionString, o.RawQueueCycles, o.RawConcurrency, "b", ct);
var floorB = await RawBaselines.IngestFloorRateAsync(o.ConnectionString, o.RawQueueCycles, o.IngestConcurrency, "b", ct);
var insertB = await RawBaselines.IngestFloorRateAsync(o.ConnectionString, o.RawQueueCycles, o.IngestConcurrency, "tb", ct, withQueueMessage: false);
Step($"  upsert {upsertB:F0}/s, queue cycle {queueB:F0}/s, ingest storage floor {floorB:F0}/s, insert alone {insertB:F0}/s");

var upsert = (upsertA + upsertB) / 2;
var queue = (queueA + queueB) / 2;
var floor = (floorA + floorB) / 2;
var insert = (insertA + insertB) / 2;
var rows = new List<string[]>
{
    Row("0a raw Azurite upsert (start / end)", $"{o.RawUpserts}", $"{upsertA:F0} / {upsertB:F0}", "entities/s", "-", "-"),
    Row("0b raw queue send+receive+delete (start / end)", $"{o.RawQueueCycles}", $"{queueA:F0} / {queueB:F0}", "cycles/s", "-", "-"),
    Row("0c raw ingest floor: state-row insert + queue send (start / end)", $"{o.RawQueueCycles}", $"{floorA:F0} / {floorB:F0}", "ops/s", $"{upsert:F0} upserts/s", Ratio(floor, upsert)),
    Row("0d raw state-row insert alone (start / end)", $"{o.RawQueueCycles}", $"{insertA:F0} / {insertB:F0}", "ops/s", $"{upsert:F0} upserts/s", Ratio(insert, upsert)),
};
if (fan1 is not null)
{
    rows.Add(Row($"1  fan-out, 1 worker process, {o.Customers} parties, {o.Languages} language(s)", $"{fan1.Expected}", $"{fan1.Rate:F0}", "notices/s", $"{upsert:F0} upserts/s", Ratio(fan1.Rate, upsert)));
    rows.Add(Requests(fan1));
}

if (fanLarge is not null)
{
    rows.Add(Row($"1L fan-out, 1 worker process, {fanLarge.Customers} parties, {o.Languages} language(s)", $"{fanLarge.Expected}", $"{fanLarge.Rate:F0}", "notices/s", $"{upsert:F0} upserts/s", Ratio(fanLarge.Rate, upsert)));
    rows.Add(Requests(fanLarge));
    if (fan1 is not null)
    {
        rows.Add(Row("   (its rate against row 1's)", $"{fanLarge.Expected}", $"{fanLarge.Rate:F0}", "notices/s", $"{fan1.Rate:F0} notices/s", Ratio(fanLarge.Rate, fan1.Rate)));
    }
}

if (fanChange is not null)
{
    rows.Add(Row($"1C sub-processor change fan-out, 1 worker process, {fanChange.Customers} customers", $"{fanChange.Expected}", $"{fanChange.Rate:F0}", "notices/s", $"{upsert:F0} upserts/s", Ratio(fanChange.Rate, upsert)));
    rows.Add(Requests(fanChange));
    if (fan1 is not null)
    {
        rows.Add(Row("   (its rate against row 1's)", $"{fanChange.Expected}", $"{fanChange.Rate:F0}", "notices/s", $"{fan1.Rate:F0} notices/s", Ratio(fanChange.Rate, fan1.Rate)));
    }
}

foreach (var (name, f) in new[] { ("1 ", fan1), ("1L", fanLarge), ("1C", fanChange) })
{
    if (f is not null)
    {
        rows.Add(Row($"{name} first notice after the approval's answer", $"{f.Expected}", $"{f.FirstNotice.TotalSeconds:F2}", "s", "-", "-"));
        rows.Add(Row($"{name} app working set before approval / peak (VmRSS / VmHWM)", $"{f.Expected}", $"{f.WorkingSetBeforeMib:F0} / {f.PeakWorkingSetMib:F0}", "MiB", "-", "-"));
    }
}

if (fan2 is not null)
{
    rows.Add(Row("1b fan-out, 2 worker processes", $"{fan2.Expected}", $"{fan2.Rate:F0}", "notices/s", $"{upsert:F0} upserts/s", Ratio(fan2.Rate, upsert)));
    rows.Add(Requests(fan2));
}

if (acks is not null)
{
    rows.Add(Row("2  acknowledgements (GET page + POST form)", $"{acks.Attempted}", $"{acks.Rate:F0}", "acks/s", $"{upsert:F0} upserts/s", Ratio(acks.Rate, upsert)));
}

if (ingest is not null)
{
    rows.Add(Row("3  ingest, ingest-only process", $"{ingest.Attempted}", $"{ingest.Rate:F0}", "detections/s", $"{upsert:F0} upserts/s", Ratio(ingest.Rate, upsert)));
    rows.Add(Row("   (same, against the raw ingest floor 0c)", $"{ingest.Attempted}", $"{ingest.Rate:F0}", "detections/s", $"{floor:F0} floor ops/s", Ratio(ingest.Rate, floor)));
    rows.Add(Row("   (same, against the insert alone 0d)", $"{ingest.Attempted}", $"{ingest.Rate:F0}", "detections/s", $"{insert:F0} inserts/s", Ratio(ingest.Rate, insert)));
}

if (ingestC is not null)
{
    rows.Add(Row("3c ingest, ingest-only, correlation on (the default)", $"{ingestC.Attempted}", $"{ingestC.Rate:F0}", "detections/s", $"{upsert:F0} upserts/s", Ratio(ingestC.Rate, upsert)));
}

if (ingestW is not null)
{
    rows.Add(Row("3b ingest, workers on in the same process", $"{ingestW.Attempted}", $"{ingestW.Rate:F0}", "detections/s", $"{upsert:F0} upserts/s", Ratio(ingestW.Rate, upsert)));
}

// SendGrid requests the fan-out made (retries included), and per thousand notices.
string[] Requests(FanOutResult f) =>
    Row("   (its SendGrid requests, per 1,000 notices)", $"{f.Expected}", $"{f.SendGridRequests} ({f.SendGridRequests * 1000.0 / Math.Max(1, f.Received):F1})", "requests", "-", "-");

var checks = new List<string>();
foreach (var failure in sizeFailures)
{
    checks.Add($"fan-out REFUSED at {failure}");
}

void Fan(string name, FanOutResult f) => checks.Add(
    $"{name}: {f.Received} notices to {f.DistinctRecipients} distinct recipients of {f.Expected}; duplicates {f.Duplicates}, missing {f.Missing}, unexpected {f.Unexpected} "
    + $"=> exactly once: {(f.ExactlyOnce ? "YES" : "NO")}. Approval call {f.ApprovalCall.TotalMilliseconds:F0} ms; first notice {f.FirstNotice.TotalSeconds:F2} s and all {f.AllNotices.TotalSeconds:F2} s after the approval's answer; "
    + $"{f.SendGridRequests} SendGrid requests (answered {f.Answers}, the commanders' mails included); "
    + (f.IncidentSentCount < 0 ? "not read." : $"its read's noticeCounts.sent {f.IncidentSentCount} (read in {f.IncidentReadTime.TotalMilliseconds:F0} ms)."));
if (fan1 is not null)
{
    Fan("fan-out, 1 worker", fan1);
}

if (fanLarge is not null)
{
    Fan("fan-out, large", fanLarge);
}

if (fan2 is not null)
{
    Fan("fan-out, 2 workers", fan2);
}

if (fanChange is not null)
{
    Fan("sub-processor change fan-out", fanChange);
}

if (acks is not null)
{
    checks.Add($"acknowledgements: {acks.Recorded} recorded of {acks.Attempted} in {acks.Elapsed.TotalSeconds:F2} s, failures {Describe(acks.Failures)}; "
        + $"GET /api/incidents/{{id}} noticeCounts.acknowledged = {acks.IncidentAcknowledged} => {(acks.IncidentAcknowledged == acks.Attempted ? "OK" : "MISMATCH")}. "
        + $"Recipients came from {acks.SourceAddresses} loopback source addresses; from one address, {acks.SameAddressRefused} of {acks.SameAddressTried} GETs of the page were refused with 429 (per-address limit).");
}

void Ing(string name, IngestResult r) => checks.Add(
    $"{name}: {r.Accepted} accepted (202) of {r.Attempted} in {r.Elapsed.TotalSeconds:F2} s, {r.DistinctIncidents} distinct incidents, {r.Duplicates} answered as duplicates, failures {Describe(r.Failures)}.");
if (ingest is not null)
{
    Ing("ingest, workers off", ingest);
}

if (ingestC is not null)
{
    Ing("ingest, correlation on", ingestC);
}

if (ingestW is not null)
{
    Ing("ingest, workers on", ingestW);
}

var table = Table(["measurement", "N", "result", "unit", "baseline (same run, mean)", "ratio"], rows);
Console.WriteLine();
Console.WriteLine(table);
foreach (var check in checks)
{
    Console.WriteLine("- " + check);
}

Console.WriteLine($"Total benchmark time {clock.Elapsed.TotalSeconds:F0} s.");

if (o.ResultsPath is { } path)
{
    var md = new StringBuilder();
    md.AppendLine("# BreachNotify benchmark results").AppendLine();
    md.AppendLine($"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC with `bench/run.sh` (defaults). Machine: {Environment.ProcessorCount} CPUs (nproc), {CpuModel()}; .NET {Environment.Version}; Azurite {AzuriteVersion(o.RepositoryRoot)} in memory.").AppendLine();
    md.AppendLine("```").AppendLine(Shell("free", "-h").TrimEnd()).AppendLine("```").AppendLine();
    md.AppendLine("Ratios are against the mean of the raw upsert rate measured at the start and at the end of the same run on the same Azurite.").AppendLine();
    md.AppendLine(table).AppendLine();
    md.AppendLine("Checks:").AppendLine();
    foreach (var check in checks)
    {
        md.AppendLine("- " + check);
    }

    md.AppendLine().AppendLine($"Total benchmark time {clock.Elapsed.TotalSeconds:F0} s.");
    await File.WriteAllTextAsync(path, md.ToString(), ct);
    Console.WriteLine($"Written to {path}.");
}

try
{
    Directory.Delete(workDir, recursive: true);
}
catch (IOException)
{
}

var ok = sizeFailures.Count == 0 && (fan1?.ExactlyOnce ?? true) && (fan2?.ExactlyOnce ?? true) && (fanLarge?.ExactlyOnce ?? true) && (fanChange?.ExactlyOnce ?? true)
    && (acks is null || (acks.IncidentAcknowledged == acks.Attempted && acks.Recorded == acks.Attempted))
    && (ingest is null || ingest.Accepted == ingest.Attempted) && (ingestW is null || ingestW.Accepted == ingestW.Attempted)
    && (ingestC is null || ingestC.Accepted == ingestC.Attempted);
return ok ? 0 : 1;

static string[] Row(params string[] cells) => cells;

static string Ratio(double value, double baseline) => baseline > 0 ? $"{value / baseline:F2}x" : "-";

static string Describe(IReadOnlyDictionary<string, int> failures) =>
    failures.Count == 0 ? "none" : string.Join(", ", failures.OrderByDescending(f => f.Value).Select(f => $"{f.Key}: {f.Value}"));

static string Table(string[] header, List<string[]> rows)
{
    var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
    string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => i is 1 or 2 or 5 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))) + " |";
    var sb = new StringBuilder();
    sb.AppendLine(Line(header));
    sb.AppendLine("|" + string.Join("|", widths.Select((w, i) => i is 1 or 2 or 5 ? new string('-', w + 1) + ":" : new string('-', w + 2))) + "|");
    foreach (var row in rows)
    {
        sb.AppendLine(Line(row));
    }

    return sb.ToString().TrimEnd();
}

static string CpuModel()
{
    try
    {
        return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
    }
    catch (IOException)
    {
        return "unknown CPU";
    }
}

static string AzuriteVersion(string root)
{
    var file = Path.Combine(root, "node_modules", "azurite", "package.json");
    return File.Exists(file) && System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)).RootElement.TryGetProperty("version", out var v) ? v.GetString() ?? "?" : "?";
}

static string Shell(string file, string arguments)
{
    try
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(5000);
        return output;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return $"({file} not available)";
    }
}
