using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Ingest;

/// <summary>
/// <c>Ingest:PermitsPerMinute</c> per source, spent only by requests that authenticated as that source: one flooding
/// SIEM cannot starve the others, and nobody who merely knows a source's name can lock it out.
/// </summary>
public sealed class SourceRateLimiter : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _sources;

    public SourceRateLimiter(IOptions<IngestOptions> options)
    {
        var permits = Math.Max(1, options.Value.PermitsPerMinute);
        _sources = PartitionedRateLimiter.Create<string, string>(source => RateLimitPartition.GetFixedWindowLimiter(
            source, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>Null when the source may post now; otherwise how long it must wait.</summary>
    public TimeSpan? Refuse(string source)
    {
        using var lease = _sources.AttemptAcquire(source.ToLowerInvariant(), 1);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : Window;
    }

    public void Dispose() => _sources.Dispose();
}
