using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace BreachNotify.Bench;

/// <summary>What Azurite itself sustains on this machine right now: the yardstick every product number is divided by.</summary>
public static class RawBaselines
{
    /// <summary>N single-entity upserts (one request each), <paramref name="concurrency"/> in flight; entities per second.</summary>
    public static async Task<double> UpsertRateAsync(string connectionString, int count, int concurrency, string tag, CancellationToken ct)
    {
        var table = new TableServiceClient(connectionString).GetTableClient($"benchraw{tag}{Environment.TickCount64 % 1_000_000}");
        await table.CreateIfNotExistsAsync(ct);
        try
        {
            // Warm-up: connections and the table's first writes.
            await Parallel.ForEachAsync(Enumerable.Range(0, concurrency * 4), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (i, c) => await table.UpsertEntityAsync(Entity(-1 - i), TableUpdateMode.Replace, c));
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (i, c) => await table.UpsertEntityAsync(Entity(i), TableUpdateMode.Replace, c));
            return count / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await table.DeleteAsync(CancellationToken.None);
        }
    }

    /// <summary>N send + receive + delete cycles on one queue, <paramref name="concurrency"/> in flight; cycles per second.</summary>
    public static async Task<double> QueueCycleRateAsync(string connectionString, int count, int concurrency, string tag, CancellationToken ct)
    {
        var queue = new QueueClient(connectionString, $"benchraw-{tag}-{Environment.TickCount64 % 1_000_000}");
        await queue.CreateIfNotExistsAsync(cancellationToken: ct);
        try
        {
            var payload = new string('x', 200);
            async ValueTask Cycle(int i, CancellationToken c)
            {
                await queue.SendMessageAsync(payload, c);
                // Another cycle may have taken "our" message; any message will do, and every one sent is received once.
                for (var attempt = 0; attempt < 50; attempt++)
                {
                    var received = await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(30), c);
                    if (received.Value is { } message)
                    {
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, c);
                        return;
                    }
                }

                throw new InvalidOperationException("queue baseline: no message received after 50 tries");
            }

            await Parallel.ForEachAsync(Enumerable.Range(0, concurrency * 2), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, Cycle);
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, Cycle);
            return count / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await queue.DeleteIfExistsAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The storage work of one ingested detection without the app, keyed as the app keys its rows: one insert of a
    /// state row the size of a new incident's (state, its first event and its classification timer: ~2.5 KB of JSON)
    /// and one queue message of its own (the app shares messages between detections, so this is the harsher floor);
    /// operations per second.
    /// </summary>
    public static async Task<double> IngestFloorRateAsync(string connectionString, int count, int concurrency, string tag, CancellationToken ct, bool withQueueMessage = true)
    {
        var table = new TableServiceClient(connectionString).GetTableClient($"benchfloor{tag}{Environment.TickCount64 % 1_000_000}");
        var queue = new QueueClient(connectionString, $"benchfloor-{tag}-{Environment.TickCount64 % 1_000_000}");
        await table.CreateIfNotExistsAsync(ct);
        await queue.CreateIfNotExistsAsync(cancellationToken: ct);
        try
        {
            var json = new string('j', 1000);
            async ValueTask One(int i, CancellationToken c)
            {
                var pk = $"inc-{tag}-{i:D7}";
                await table.AddEntityAsync(new TableEntity(pk, $"state|{pk}") { ["Data0"] = json, ["Unfiled0"] = json + json[..500], ["Version"] = 1 }, c);
                if (withQueueMessage)
                {
                    await queue.SendMessageAsync(json[..300], c);
                }
            }

            await Parallel.ForEachAsync(Enumerable.Range(-concurrency, concurrency), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, One);
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, One);
            return count / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await table.DeleteAsync(CancellationToken.None);
            await queue.DeleteIfExistsAsync(CancellationToken.None);
        }
    }

    /// <summary>Drops a scenario's tables and queue so that what it left behind does not slow Azurite down for the next one.</summary>
    public static async Task DropAsync(string connectionString, string prefix)
    {
        var names = BreachNotify.Adapters.Tables.StorageNames.WithPrefix(prefix);
        var tables = new TableServiceClient(connectionString);
        foreach (var table in new[] { names.Incidents, names.DeadLetters })
        {
            try
            {
                await tables.DeleteTableAsync(table);
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
            }
        }

        await new QueueClient(connectionString, names.WorkflowQueue).DeleteIfExistsAsync();
    }

    private static TableEntity Entity(int i) => new($"p{i & 15}", $"r{i:D7}")
    {
        ["Status"] = "pending",
        ["Email"] = $"contact{i}@bench.example",
        ["Attempts"] = 0,
        ["At"] = DateTimeOffset.UtcNow,
        ["Body"] = new string('x', 300),
    };
}
