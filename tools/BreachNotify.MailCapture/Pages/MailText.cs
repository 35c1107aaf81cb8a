using System.Globalization;
using System.Text.RegularExpressions;

namespace BreachNotify.MailCapture.Pages;

/// <summary>What the inbox pages print of a mail, as plain text (Razor encodes it).</summary>
internal static partial class MailText
{
    public static string Subject(CapturedMail mail) => mail.Subject.Length > 0 ? mail.Subject : "(no subject)";

    public static string Received(CapturedMail mail) => mail.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// A link followed inside the sandbox would load the acknowledgement page in the small frame, without scripts;
    /// a base target opens it in a new, unsandboxed tab instead (allowed by allow-popups-to-escape-sandbox).
    /// </summary>
    public static string OpenLinksOutside(string html)
    {
        const string baseTarget = """<base target="_blank">""";
        var head = HeadOpenTag().Match(html);
        return head.Success ? html.Insert(head.Index + head.Length, baseTarget) : baseTarget + html;
    }

    [GeneratedRegex("<head(?:\\s[^>]*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex HeadOpenTag();
}
