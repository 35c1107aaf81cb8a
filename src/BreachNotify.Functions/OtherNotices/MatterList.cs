namespace BreachNotify.Functions.OtherNotices;

public sealed record MatterList(IReadOnlyList<MatterListEntry> Items);
