namespace BreachNotify.Application.OtherNotices;

/// <summary>A matter's legal prohibition: whether it still holds, and when it ended or was lifted.</summary>
public sealed record ProhibitionView(string Basis, DateTimeOffset? Until, DateTimeOffset? ReviewAt, bool InForce, DateTimeOffset? LiftedAt);
