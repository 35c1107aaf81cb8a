using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace BreachNotify.MailCapture;

/// <summary>The demo inbox. Everything the capture prints itself is HTML-encoded; mail bodies render only inside a sandboxed iframe.</summary>
internal static partial class InboxPages
{
    private const string Style = """
        <style>
          body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
          table { border-collapse: collapse; width: 100%; }
          th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
          iframe { width: 100%; height: 60vh; border: 1px solid #ccc; }
          pre { white-space: pre-wrap; background: #f6f6f6; padding: 1rem; }
        </style>
        """;

    public static string List(IReadOnlyList<CapturedMail> mails)
    {
        var rows = new StringBuilder();
        for (var index = mails.Count - 1; index >= 0; index--)
        {
            var mail = mails[index];
            rows.Append(CultureInfo.InvariantCulture, $"""
                <tr><td>{E(Time(mail))}</td><td>{E(mail.To)}</td><td><a href="/mails/{index}">{E(Subject(mail))}</a></td></tr>
                """).Append('\n');
        }

        // Refreshes itself so the demo user sees notices arrive without reloading.
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
            <title>BreachNotify mail capture</title>{{Style}}</head>
            <body>
            <h1>Inbox ({{mails.Count}})</h1>
            <p><button onclick="fetch('/api/mails', { method: 'DELETE' }).then(() => location.reload())">Clear inbox</button></p>
            <table><thead><tr><th>Received (UTC)</th><th>To</th><th>Subject</th></tr></thead>
            <tbody>
            {{(mails.Count == 0 ? "<tr><td colspan=\"3\">No mail yet.</td></tr>" : rows.ToString())}}
            </tbody></table>
            </body></html>
            """;
    }

    public static string Mail(int index, CapturedMail mail)
    {
        var args = new StringBuilder();
        foreach (var (key, value) in mail.CustomArgs.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            args.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(key)}</th><td>{E(value)}</td></tr>\n");

        var html = mail.Html is null
            ? "<p>(no HTML part)</p>"
            : $"""<iframe title="HTML body" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" srcdoc="{E(OpenLinksOutside(mail.Html))}"></iframe>""";
        var text = mail.Text is null ? "<p>(no text part)</p>" : $"<pre>{E(mail.Text)}</pre>";

        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{E(Subject(mail))}</title>{Style}</head>
            <body>
            <p><a href="/">&larr; Inbox</a></p>
            <h1>{E(Subject(mail))}</h1>
            <table>
            <tr><th>To</th><td>{E(mail.ToName is null ? mail.To : $"{mail.ToName} <{mail.To}>")}</td></tr>
            <tr><th>Received (UTC)</th><td>{E(Time(mail))}</td></tr>
            <tr><th>Message id</th><td>{E(mail.MessageId)}</td></tr>
            {args}</table>
            <h2>HTML</h2>
            {html}
            <h2>Text</h2>
            {text}
            <p><a href="/">&larr; Inbox</a> &middot; mail #{index.ToString(CultureInfo.InvariantCulture)}</p>
            </body></html>
            """;
    }

    /// <summary>
    /// A link followed inside the sandbox would load the acknowledgement page in the small frame, without scripts;
    /// a base target opens it in a new, unsandboxed tab instead (allowed by allow-popups-to-escape-sandbox).
    /// </summary>
    private static string OpenLinksOutside(string html)
    {
        const string baseTarget = """<base target="_blank">""";
        var head = HeadOpenTag().Match(html);
        return head.Success ? html.Insert(head.Index + head.Length, baseTarget) : baseTarget + html;
    }

    private static string Subject(CapturedMail mail) => mail.Subject.Length > 0 ? mail.Subject : "(no subject)";

    private static string Time(CapturedMail mail) => mail.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string E(string value) => WebUtility.HtmlEncode(value);

    [GeneratedRegex("<head(?:\\s[^>]*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex HeadOpenTag();
}
