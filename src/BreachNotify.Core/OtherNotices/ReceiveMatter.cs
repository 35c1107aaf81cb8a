namespace BreachNotify.OtherNotices;

public sealed record ReceiveMatter(OtherMatter Matter, string CommanderId) : MatterMessage;
