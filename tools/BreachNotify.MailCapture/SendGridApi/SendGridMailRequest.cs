namespace BreachNotify.MailCapture.SendGridApi;

/// <summary>The v3 mail send body; fields the capture does not use are still bound so clients can send them.</summary>
internal sealed record SendGridMailRequest(
    IReadOnlyList<SendGridPersonalization>? Personalizations,
    SendGridAddress? From,
    SendGridAddress? ReplyTo,
    string? Subject,
    IReadOnlyList<SendGridContent>? Content,
    string? TemplateId,
    IReadOnlyDictionary<string, string>? Headers,
    IReadOnlyList<string>? Categories,
    IReadOnlyDictionary<string, string>? CustomArgs);
