namespace BreachNotify.Application.Ledger;

/// <summary>A customer's register: every matter of every kind it was told of, newest first.</summary>
public sealed record CustomerRegister(string CustomerId, string CustomerName, IReadOnlyList<CustomerLedgerEntry> Items);
