namespace BreachNotify.OtherNotices;

public sealed record DecideMatter(MatterDecisionKind Decision, string CommanderId, string? Comment) : MatterMessage;
