namespace BreachNotify.MailCapture.SendGridApi;

internal sealed record SendGridAddress(string? Email, string? Name);
