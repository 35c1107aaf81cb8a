namespace BreachNotify.MailCapture.SendGridApi;

internal sealed record SendGridContent(string? Type, string? Value);
