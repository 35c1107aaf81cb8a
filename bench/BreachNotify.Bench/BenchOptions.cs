using System.Globalization;

namespace BreachNotify.Bench;

/// <summary>Trivial <c>--name value</c> / <c>--flag</c> arguments; every size has a default matching bench/README.md.</summary>
public sealed record BenchOptions
{
    public required string ConnectionString { get; init; }

    public required string RepositoryRoot { get; init; }

    public string? ResultsPath { get; init; }

    public int RawUpserts { get; init; } = 3000;

    public int RawQueueCycles { get; init; } = 1500;

    public int RawConcurrency { get; init; } = 16;

    public int Customers { get; init; } = 100;

    public int ContactsPerCustomer { get; init; } = 100;

    /// <summary>Languages of the fan-out's contacts: 2 alternates en-GB and de-DE within each customer (two templates), 1 is en-GB only.</summary>
    public int Languages { get; init; } = 2;

    /// <summary>The large fan-out (scenario <c>fanout-large</c>): customers x contacts, by default 100 x 1,000 = 100,000 recipients (1,000 parties do not fit the incident state row: see bench/README.md).</summary>
    public int LargeCustomers { get; init; } = 100;

    public int LargeContactsPerCustomer { get; init; } = 1000;

    /// <summary>When above 0, the fan-out apps run with <c>DOTNET_GCHeapHardLimit</c> of this many MiB: a run that completes shows the live set stays under it.</summary>
    public int AppHeapLimitMib { get; init; }

    public int Acks { get; init; } = 2000;

    public int AckConcurrency { get; init; } = 32;

    public int Detections { get; init; } = 3000;

    public int IngestConcurrency { get; init; } = 32;

    public bool TwoWorkers { get; init; } = true;

    public bool IngestWithWorkers { get; init; } = true;

    public int FanOutTimeoutSeconds { get; init; } = 240;

    /// <summary>Which product scenarios run: "fanout" (with acknowledgements on its incident), "fanout-large" (100,000 recipients) and "ingest".</summary>
    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string>(["fanout", "fanout-large", "change-fanout", "ingest"]);

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            var name = args[i][2..];
            values[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        bool Bool(string name, bool fallback) => values.TryGetValue(name, out var v) ? bool.Parse(v) : fallback;

        var connection = values.GetValueOrDefault("connection") ?? Environment.GetEnvironmentVariable("BENCH_STORAGE")
            ?? throw new ArgumentException("--connection (the Azurite connection string) is required");
        var root = values.GetValueOrDefault("root") ?? Directory.GetCurrentDirectory();
        var defaults = new BenchOptions { ConnectionString = connection, RepositoryRoot = root };
        return defaults with
        {
            ResultsPath = values.GetValueOrDefault("results"),
            RawUpserts = Int("raw-upserts", defaults.RawUpserts),
            RawQueueCycles = Int("raw-queue-cycles", defaults.RawQueueCycles),
            RawConcurrency = Int("raw-concurrency", defaults.RawConcurrency),
            Customers = Int("customers", defaults.Customers),
            ContactsPerCustomer = Int("contacts", defaults.ContactsPerCustomer),
            Languages = Int("languages", defaults.Languages),
            LargeCustomers = Int("large-customers", defaults.LargeCustomers),
            LargeContactsPerCustomer = Int("large-contacts", defaults.LargeContactsPerCustomer),
            AppHeapLimitMib = Int("app-heap-limit-mib", defaults.AppHeapLimitMib),
            Acks = Int("acks", defaults.Acks),
            AckConcurrency = Int("ack-concurrency", defaults.AckConcurrency),
            Detections = Int("detections", defaults.Detections),
            IngestConcurrency = Int("ingest-concurrency", defaults.IngestConcurrency),
            TwoWorkers = Bool("two-workers", defaults.TwoWorkers),
            IngestWithWorkers = Bool("ingest-with-workers", defaults.IngestWithWorkers),
            FanOutTimeoutSeconds = Int("fanout-timeout", defaults.FanOutTimeoutSeconds),
            Scenarios = values.TryGetValue("scenarios", out var s) ? new HashSet<string>(s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : defaults.Scenarios,
        };
    }
}
