namespace BreachNotify.Application.Incidents;

public sealed record NoticeContactView(string Name, string Email, string Locale);
