using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using BreachNotify.MailCapture;

namespace BreachNotify.Bench;

public sealed record IngestResult(bool Workers, int Attempted, int Accepted, int DistinctIncidents, int Duplicates, IReadOnlyDictionary<string, int> Failures, TimeSpan Elapsed)
{
    public double Rate => Accepted / Elapsed.TotalSeconds;
}

/// <summary>
/// M distinct generic detections (distinct externalId, so M new incidents) posted by C concurrent senders with valid
/// signatures to a fresh app on the sample directory. Each is one entity insert (the new incident's state row,
/// carrying its first event and classification timer) and its share of a queue message before its 202. With workers off, the process only ingests (Workflow:RunWorkers=false); with workers on,
/// the same process also classifies them and mails the commanders meanwhile. With correlation on (the product's
/// default), each detection names an asset of its own in a generated directory, so each is still a new incident, and
/// its ingest also reads the alias row, its own state row and the asset index, and writes the asset index.
/// </summary>
public static class IngestScenario
{
    public static async Task<IngestResult> RunAsync(BenchOptions o, string tag, bool runWorkers, CancellationToken ct, bool correlation = false)
    {
        await using var mail = await MailCaptureServer.StartAsync(new MailCaptureOptions(), ct);
        var port = AppProcess.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var settings = BenchApi.Settings(baseAddress, o.ConnectionString, $"bi{tag}", Path.Combine(o.RepositoryRoot, "samples", "directory.sample.json"), mail.BaseAddress);
        settings["Workflow:RunWorkers"] = runWorkers ? "true" : "false";
        if (correlation)
        {
            var path = Path.Combine(Path.GetTempPath(), $"bench-ingest-directory-{tag}.json");
            settings["Directory:Path"] = BenchDirectory.Write(path, 3, 2, baseAddress, extraAssets: o.Detections + o.IngestConcurrency);
            settings.Remove("Ingest:CorrelationWindowMinutes");
        }

        await using var app = await AppProcess.StartAsync(o.RepositoryRoot, $"ingest-{tag}", port, settings, ct);

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        string Body(string id, int n) => BenchApi.GenericDetection(
            id, $"Bench exfiltration {id}", correlation ? BenchDirectory.ExtraAssetAlias(n) : "sqlprod-eu-01.database.windows.net");

        // Warm-up (not counted): connections, JIT, the first storage writes.
        await Parallel.ForEachAsync(Enumerable.Range(0, o.IngestConcurrency), ct, async (i, c) =>
        {
            using var _ = await http.SendAsync(BenchApi.SignedDetection(Body($"warm-{tag}-{i}", o.Detections + i)), c);
        });

        var bodies = Enumerable.Range(0, o.Detections).Select(i => Body($"bench-{tag}-{i:D6}", i)).ToArray();
        var incidents = new ConcurrentDictionary<string, byte>();
        var failures = new ConcurrentDictionary<string, int>();
        var accepted = 0;
        var known = 0;
        var next = -1;
        var deadline = TimeSpan.FromSeconds(180);
        var watch = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, o.IngestConcurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length && watch.Elapsed < deadline)
            {
                try
                {
                    using var response = await http.SendAsync(BenchApi.SignedDetection(bodies[i]), ct);
                    var text = await response.Content.ReadAsStringAsync(ct);
                    if ((int)response.StatusCode != 202)
                    {
                        failures.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
                        continue;
                    }

                    var answer = JsonDocument.Parse(text).RootElement;
                    incidents.TryAdd(answer.GetProperty("incidentId").GetString()!, 0);
                    if (answer.TryGetProperty("duplicate", out var k) && k.ValueKind == JsonValueKind.True)
                    {
                        Interlocked.Increment(ref known);
                    }

                    if (Interlocked.Increment(ref accepted) % 1000 == 0)
                    {
                        Console.WriteLine($"  ingest {tag}: {accepted} accepted after {watch.Elapsed.TotalSeconds:F1} s");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failures.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                }
            }
        }, ct)).ToList();
        await Task.WhenAll(senders);
        var elapsed = watch.Elapsed;
        if (!failures.IsEmpty)
        {
            Console.WriteLine($"  ingest {tag}: the app's last output:{Environment.NewLine}{app.Tail}");
        }

        return new IngestResult(runWorkers, bodies.Length, accepted, incidents.Count, known, failures, elapsed);
    }
}
