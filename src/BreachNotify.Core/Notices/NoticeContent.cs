namespace BreachNotify.Notices;

/// <summary>
/// A rendered message. Its tags stand where what differs per recipient goes: the acknowledgement link
/// (<see cref="AckUrlTag"/>), the party's name (<see cref="PartyNameTag"/> in the text, <see cref="PartyNameHtmlTag"/>
/// in the HTML, encoded) and its due time (<see cref="DueAtTag"/>). So one rendering serves every recipient of one
/// template and language, of any party; SendGrid substitutions fill the tags per personalization.
/// </summary>
public sealed record NoticeContent(string Subject, string Text, string Html)
{
    public const string AckUrlTag = "-ackUrl-";
    public const string PartyNameTag = "-partyName-";
    public const string PartyNameHtmlTag = "-partyNameHtml-";
    public const string DueAtTag = "-dueAt-";

    /// <summary>Every tag, the longest first (none is a part of another, but substitutions are applied in this order).</summary>
    public static IReadOnlyList<string> Tags { get; } = [PartyNameHtmlTag, PartyNameTag, AckUrlTag, DueAtTag];

    /// <summary>This content with <paramref name="values"/> (tag -> value) put in, as SendGrid does with substitutions.</summary>
    public NoticeContent With(IReadOnlyDictionary<string, string> values)
    {
        string Fill(string part)
        {
            foreach (var (tag, value) in values)
            {
                part = part.Replace(tag, value, StringComparison.Ordinal);
            }

            return part;
        }

        return new NoticeContent(Fill(Subject), Fill(Text), Fill(Html));
    }

    /// <summary>Removes tags from a value, so text from a detection or the directory never picks up another recipient's value.</summary>
    public static string Untagged(string value)
    {
        while (value.Contains('-', StringComparison.Ordinal) && Tags.FirstOrDefault(t => value.Contains(t, StringComparison.Ordinal)) is { } tag)
        {
            value = value.Replace(tag, "", StringComparison.Ordinal);
        }

        return value;
    }
}
