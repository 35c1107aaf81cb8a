using System.Threading.RateLimiting;

namespace BreachNotify.Functions.Hosting;

/// <summary>So many permits per key per minute (a fixed window per key), refusing rather than queueing.</summary>
public sealed class PerMinuteLimit(int permitsPerMinute) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(
        key, _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permitsPerMinute), Window = Window, QueueLimit = 0, AutoReplenishment = true }));

    /// <summary>Spends <paramref name="permits"/> of the key's (0: only looks); null when they were there, else how long to wait.</summary>
    public TimeSpan? Take(string key, int permits = 1)
    {
        using var lease = _limiter.AttemptAcquire(key, permits);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : Window;
    }

    public void Dispose() => _limiter.Dispose();
}
