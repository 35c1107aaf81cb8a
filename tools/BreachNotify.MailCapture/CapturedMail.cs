namespace BreachNotify.MailCapture;

/// <summary>
/// One personalization of an accepted send, as SendGrid would deliver it: substitutions applied,
/// top-level custom args merged with the personalization's (the personalization wins).
/// </summary>
public sealed record CapturedMail(
    string MessageId,
    string To,
    string? ToName,
    string Subject,
    string? Text,
    string? Html,
    IReadOnlyDictionary<string, string> CustomArgs,
    DateTimeOffset ReceivedAt,
    int RequestNumber);
