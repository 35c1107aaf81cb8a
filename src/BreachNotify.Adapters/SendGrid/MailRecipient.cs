namespace BreachNotify.Adapters.SendGrid;

/// <summary>
/// One personalization. <see cref="Values"/> (tag -> value: the party's name, its due time) and <see cref="AckUrl"/>
/// go in as SendGrid substitutions, so one rendering serves recipients of many parties. <see cref="NoticeRef"/>
/// ("incidentId/noticeId") travels in SendGrid's custom_args so delivery events and the activity lookup can be matched to the notice.
/// </summary>
public sealed record MailRecipient(string Email, string Name, string? AckUrl, string? NoticeRef, int Attempt = 1)
{
    public IReadOnlyDictionary<string, string>? Values { get; init; }
}
