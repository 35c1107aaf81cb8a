namespace BreachNotify.Application.Ledger;

/// <summary>A customer's ledger: everything the processor told it and when, with the acknowledgements, newest first.</summary>
public sealed record CustomerLedger(string CustomerId, string CustomerName, IReadOnlyList<LedgerItem> Items);
