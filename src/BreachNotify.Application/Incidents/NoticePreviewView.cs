namespace BreachNotify.Application.Incidents;

/// <summary>A notice as it would be sent to one recipient (its acknowledgement link a placeholder).</summary>
public sealed record NoticePreviewView(string Recipient, string Locale, string Subject, string Text, string Html);
