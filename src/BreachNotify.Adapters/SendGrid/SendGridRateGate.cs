namespace BreachNotify.Adapters.SendGrid;

/// <summary>
/// One per process: when SendGrid answers 429, every worker of the process holds its sends until the time SendGrid
/// named (Retry-After, else X-RateLimit-Reset, else a default), instead of each finding the limit on its own.
/// </summary>
public sealed class SendGridRateGate(TimeProvider time)
{
    private long _closedUntilTicks;

    /// <summary>How long sends must still wait; zero when the gate is open.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var remaining = new DateTimeOffset(Interlocked.Read(ref _closedUntilTicks), TimeSpan.Zero) - time.GetUtcNow();
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }

    /// <summary>Holds every send until <paramref name="wait"/> from now (a later close wins; an earlier one never shortens it).</summary>
    public void Close(TimeSpan wait)
    {
        var until = (time.GetUtcNow() + wait).UtcTicks;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _closedUntilTicks);
            if (seen >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _closedUntilTicks, until, seen) != seen);
    }
}
