namespace BreachNotify.Notices;

/// <summary>The kinds of a provider's delivery event a notice's state depends on; every other kind is <see cref="Other"/>.</summary>
public enum DeliveryEventKind
{
    /// <summary>processed, open, click, spamreport, unsubscribe...: nothing a notice's status depends on.</summary>
    Other,
    Delivered,
    Deferred,
    Bounce,
    Dropped,
}
