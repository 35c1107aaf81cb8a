namespace BreachNotify.MailCapture.SendGridApi;

internal sealed record SendGridErrorResponse(IReadOnlyList<SendGridError> Errors);
