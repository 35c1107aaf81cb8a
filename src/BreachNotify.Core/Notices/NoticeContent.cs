namespace BreachNotify.Notices;

/// <summary>
/// A rendered message. <see cref="AckUrlTag"/> stands where each recipient's own acknowledgement link goes,
/// so one rendering serves every contact of a party (SendGrid substitutions fill it per personalization).
/// </summary>
public sealed record NoticeContent(string Subject, string Text, string Html)
{
    public const string AckUrlTag = "-ackUrl-";
}
