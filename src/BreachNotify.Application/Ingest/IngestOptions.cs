using System.ComponentModel.DataAnnotations;

namespace BreachNotify.Application.Ingest;

/// <summary><c>Ingest:*</c>.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";
    public const string SignatureHeader = "X-BreachNotify-Signature";
    public const string TimestampHeader = "X-BreachNotify-Timestamp";

    /// <summary>Bodies above this are refused with 413 while being read.</summary>
    [SettingRange(1024d, 64d * 1024 * 1024, ErrorMessage = "must be between 1024 and 67108864")]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How far a signed timestamp may be from now.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = "must be at least 1")]
    public int TimestampToleranceSeconds { get; set; } = 300;

    /// <summary>Requests per source per minute before 429.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = "must be at least 1")]
    public int PermitsPerMinute { get; set; } = 6000;

    /// <summary>A new detection naming an asset that an incident saw within this many minutes joins that incident (0: never).</summary>
    [SettingRange(0d, double.MaxValue, ErrorMessage = "must not be negative (0 turns correlation off)")]
    public double CorrelationWindowMinutes { get; set; } = 60;
}
