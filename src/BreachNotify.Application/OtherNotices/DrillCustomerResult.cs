namespace BreachNotify.Application.OtherNotices;

/// <summary>A customer's part of a drill report: each of its contacts' outcome.</summary>
public sealed record DrillCustomerResult(string CustomerId, string CustomerName, IReadOnlyList<DrillContactResult> Contacts);
