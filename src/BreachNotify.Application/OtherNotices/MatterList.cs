namespace BreachNotify.Application.OtherNotices;

public sealed record MatterList(IReadOnlyList<MatterListEntry> Items);
