namespace BreachNotify;

/// <summary>
/// The one cleaning rule for every text a person reads (notices, acknowledgement pages, the console and its page titles,
/// reports, CSV exports, delivery reasons): control characters and the bidirectional embeddings, overrides and
/// isolates (U+202A..U+202E, U+2066..U+2069) are dropped, since they make a line read differently from what it says.
/// Multi-line text keeps its line breaks, as <c>\n</c>.
/// </summary>
public static class ReadableText
{
    public static string Clean(string? value, bool keepLines = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (keepLines && value.Contains('\r', StringComparison.Ordinal))
        {
            value = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        foreach (var c in value)
        {
            if (IsHidden(c, keepLines))
            {
                return string.Concat(value.Where(x => !IsHidden(x, keepLines)));
            }
        }

        return value;
    }

    /// <summary>Whether the character is one <see cref="Clean"/> drops.</summary>
    public static bool IsHidden(char c, bool keepLines = false) =>
        (char.IsControl(c) && !(keepLines && c == '\n')) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
