using System.Text.Json;

namespace BreachNotify.Application.Delivery;

/// <summary>
/// One event of SendGrid's Event Webhook, reduced to what a notice needs: its kind, the notice it belongs to (the
/// <c>notice_ref</c> custom argument, "incidentId/noticeId", which SendGrid posts as a top-level field), its time and
/// the provider's reason. The recipient's address is never kept.
/// </summary>
public sealed record DeliveryEvent(string Kind, string? IncidentId, string? NoticeId, DateTimeOffset? At, string? Reason, string? BounceType, string? SgEventId)
{
    public const int MaxReasonLength = 300;

    public bool HasNotice => IncidentId is not null && NoticeId is not null;

    /// <summary>The event as the notice's lifecycle takes it (SendGrid's kinds by their names).</summary>
    public BreachNotify.Notices.DeliveryReport Report => new(
        Kind switch
        {
            "delivered" => BreachNotify.Notices.DeliveryEventKind.Delivered,
            "deferred" => BreachNotify.Notices.DeliveryEventKind.Deferred,
            "bounce" => BreachNotify.Notices.DeliveryEventKind.Bounce,
            "dropped" => BreachNotify.Notices.DeliveryEventKind.Dropped,
            _ => BreachNotify.Notices.DeliveryEventKind.Other,
        },
        At,
        Reason,
        BounceType);

    public static DeliveryEvent From(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new DeliveryEvent("", null, null, null, null, null, null);
        }

        var kind = Text(element, "event") ?? "";
        string? incidentId = null, noticeId = null;
        if (Text(element, "notice_ref") is { } noticeRef && noticeRef.Split('/') is [var incident, var notice]
            && NoticeSources.IsAnyMatterId(incident) && BreachNotify.Notices.NoticeId.IndexOf(notice) >= 0)
        {
            (incidentId, noticeId) = (incident, notice);
        }

        DateTimeOffset? at = element.TryGetProperty("timestamp", out var ts) && ts.ValueKind == JsonValueKind.Number && ts.TryGetInt64(out var seconds)
                             && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
        // The provider's text is shown to commanders (the notice's last error, the console, exports): cleaned as all such text.
        var reason = (Text(element, "reason") ?? Text(element, "response")) is { } raw ? ReadableText.Clean(raw) : null;
        if (reason is { Length: > MaxReasonLength })
        {
            reason = reason[..MaxReasonLength];
        }

        return new DeliveryEvent(kind, incidentId, noticeId, at, reason, Text(element, "type") is { } type ? ReadableText.Clean(type) : null, Text(element, "sg_event_id"));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
