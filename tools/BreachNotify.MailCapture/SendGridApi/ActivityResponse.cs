namespace BreachNotify.MailCapture.SendGridApi;

internal sealed record ActivityResponse(IReadOnlyList<ActivityMessage> Messages);
