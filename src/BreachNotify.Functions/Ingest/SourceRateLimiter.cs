using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Ingest;

/// <summary>
/// <c>Ingest:PermitsPerMinute</c> per source, spent only by requests that authenticated as that source: one flooding
/// SIEM cannot starve the others, and nobody who merely knows a source's name can lock it out.
/// </summary>
public sealed class SourceRateLimiter : IDisposable
{
    private readonly Hosting.PerMinuteLimit _sources;

    public SourceRateLimiter(IOptions<IngestOptions> options) => _sources = new Hosting.PerMinuteLimit(options.Value.PermitsPerMinute);

    /// <summary>Null when the source may post now; otherwise how long it must wait.</summary>
    public TimeSpan? Refuse(string source) => _sources.Take(source.ToLowerInvariant());

    public void Dispose() => _sources.Dispose();
}
