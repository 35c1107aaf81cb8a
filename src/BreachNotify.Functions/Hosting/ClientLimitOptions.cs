namespace BreachNotify.Functions.Hosting;

/// <summary>Limits per client address (section <c>ClientLimits</c>).</summary>
public sealed class ClientLimitOptions
{
    /// <summary>
    /// Failed authentications (wrong commander key, failed sign-in, bad or missing ingest or webhook signature) a client
    /// address may make per minute; past it, every request from it that needs authentication answers 429 until the minute is over.
    /// </summary>
    public int AuthFailuresPerMinute { get; set; } = 30;
}
