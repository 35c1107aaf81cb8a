namespace BreachNotify.OtherNotices;

/// <summary>A customer's contact answered its notice (the notice row holds the receipt; the matter keeps one per customer, the first).</summary>
public sealed record RecordMatterAcknowledgement(string CustomerId, string By) : MatterMessage;
