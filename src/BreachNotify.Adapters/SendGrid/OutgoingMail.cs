using BreachNotify.Notices;

namespace BreachNotify.Adapters.SendGrid;

/// <summary>One rendered message for several recipients, each with its own link and tracking arguments.</summary>
public sealed record OutgoingMail(NoticeContent Content, IReadOnlyList<MailRecipient> To);
