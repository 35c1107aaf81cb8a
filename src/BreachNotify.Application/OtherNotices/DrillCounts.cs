namespace BreachNotify.Application.OtherNotices;

/// <summary>A drill's notices counted by outcome (they add up to <see cref="Recipients"/>).</summary>
public sealed record DrillCounts(int Recipients, int Acknowledged, int Bounced, int Silent, int NotSent);
