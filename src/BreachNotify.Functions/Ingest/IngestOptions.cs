namespace BreachNotify.Functions.Ingest;

/// <summary><c>Ingest:*</c>.</summary>
public sealed class IngestOptions
{
    public const string SignatureHeader = "X-BreachNotify-Signature";
    public const string TimestampHeader = "X-BreachNotify-Timestamp";

    /// <summary>Bodies above this are refused with 413 while being read.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How far a signed timestamp may be from now.</summary>
    public int TimestampToleranceSeconds { get; set; } = 300;

    /// <summary>Requests per source per minute before 429.</summary>
    public int PermitsPerMinute { get; set; } = 6000;

    /// <summary>A new detection naming an asset that an incident saw within this many minutes joins that incident (0: never).</summary>
    public double CorrelationWindowMinutes { get; set; } = 60;

    public IEnumerable<string> Problems()
    {
        if (MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            yield return "Ingest:MaxBodyBytes: must be between 1024 and 67108864";
        }

        if (TimestampToleranceSeconds < 1)
        {
            yield return "Ingest:TimestampToleranceSeconds: must be at least 1";
        }

        if (CorrelationWindowMinutes < 0)
        {
            yield return "Ingest:CorrelationWindowMinutes: must not be negative (0 turns correlation off)";
        }

        if (PermitsPerMinute < 1)
        {
            yield return "Ingest:PermitsPerMinute: must be at least 1";
        }
    }
}
