namespace BreachNotify.Application.Ledger;

/// <summary>A register entry with its notices: what the processor told the customer, when, and who acknowledged.</summary>
public sealed record LedgerItem(
    string Kind, string MatterId, int Phase, DateTimeOffset ToldAt, DateTimeOffset? DueAt, int Contacts, string ConsolePath, IReadOnlyList<LedgerNotice> Notices);
