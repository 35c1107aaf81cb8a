namespace BreachNotify.Functions.Delivery;

/// <summary>
/// <see cref="NoticeRef"/> ("incidentId/noticeId") travels in SendGrid's custom_args so delivery events and the
/// activity lookup can be matched to the notice.
/// </summary>
public sealed record MailRecipient(string Email, string Name, string? AckUrl, string? NoticeRef, int Attempt = 1);
