namespace BreachNotify.Application.Delivery;

/// <summary>
/// The webhook's answer: <see cref="Received"/> events, of which <see cref="Applied"/> changed a notice,
/// <see cref="Unchanged"/> belonged to a notice but told nothing new (a repeat, a late deferral, an open or click),
/// and <see cref="Ignored"/> named no notice of ours (no or malformed notice_ref, unknown notice);
/// <see cref="Alerts"/> commanders' mails about bounced notices went out.
/// </summary>
public sealed record DeliveryEventsAnswer(int Received, int Applied, int Unchanged, int Ignored, int Alerts);
