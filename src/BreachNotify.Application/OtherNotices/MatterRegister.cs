namespace BreachNotify.Application.OtherNotices;

public sealed record MatterRegister(string CustomerId, IReadOnlyList<MatterRegisterEntry> Items);
