namespace BreachNotify.OtherNotices;

public enum AcknowledgementBasis
{
    Acknowledged,

    /// <summary>A data-subject request: the customer confirms its DPO has the request (a distinct receipt, DPA §3(a)).</summary>
    ReceivedByDpo,
}
