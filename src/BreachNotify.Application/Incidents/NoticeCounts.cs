namespace BreachNotify.Application.Incidents;

/// <summary>
/// <see cref="Failed"/> counts every notice that did not reach its contact, bounced or dropped ones included;
/// <see cref="Bounced"/> those SendGrid reported bounced or dropped; <see cref="Delivered"/> those it reported delivered.
/// </summary>
public sealed record NoticeCounts(int Total, int Pending, int Sent, int Failed, int Acknowledged, int Delivered, int Bounced);
