namespace BreachNotify.Application.Ledger;

/// <summary>
/// One line of a customer's register: a matter of any kind (and, for a breach incident, one of its phases) that froze
/// recipients of this customer, when it did, and how many of the customer's contacts it addresses.
/// </summary>
/// <param name="Kind">As the register spells it: <c>incident</c>, <c>subprocessor-change</c> or an other notice's kind (<c>law-enforcement-request</c>, ...).</param>
/// <param name="Phase">0 the first notices; a breach incident's follow-ups and closing above.</param>
/// <param name="ToldAt">When the recipients were frozen for the fan-out (the first time: a retry keeps it).</param>
public sealed record CustomerLedgerEntry(
    string CustomerId, string CustomerName, string Kind, string MatterId, int Phase, DateTimeOffset ToldAt, DateTimeOffset? DueAt, int Contacts);
