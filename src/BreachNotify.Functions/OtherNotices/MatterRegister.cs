namespace BreachNotify.Functions.OtherNotices;

public sealed record MatterRegister(string CustomerId, IReadOnlyList<MatterRegisterEntry> Items);
