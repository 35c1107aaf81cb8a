namespace BreachNotify.MailCapture.SendGridApi;

internal sealed record SendGridError(string Message, string? Field = null, string? Help = null);
