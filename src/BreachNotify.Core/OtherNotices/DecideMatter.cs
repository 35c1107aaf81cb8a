namespace BreachNotify.OtherNotices;

/// <param name="ReviewAt">The prohibition's new review date: taken by <see cref="MatterDecisionKind.SetReview"/> only.</param>
public sealed record DecideMatter(MatterDecisionKind Decision, string CommanderId, string? Comment, DateTimeOffset? ReviewAt = null) : MatterMessage;
