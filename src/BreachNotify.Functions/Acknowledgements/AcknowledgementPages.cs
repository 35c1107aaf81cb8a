using System.Globalization;
using System.Net;
using System.Text;
using BreachNotify.Functions.Storage;

namespace BreachNotify.Functions.Acknowledgements;

/// <summary>The recipient's pages: plain, accessible HTML, no script, every value encoded.</summary>
internal static class AcknowledgementPages
{
    /// <param name="packPath">A customer's notice: the path of its controller pack (printable; JSON with <c>format=json</c>).</param>
    public static string Notice(NoticeRecord notice, string processorName, string formAction, string antiforgeryField, string antiforgeryToken, string? packPath = null)
    {
        var body = new StringBuilder();
        body.Append("<h1>Breach notice</h1>");
        body.Append(Summary(notice, processorName));
        if (packPath is not null)
        {
            body.Append("<p id=\"controller-pack\">Your controller pack, the facts for your own notification (GDPR Art. 33(3)): ")
                .Append("<a id=\"controller-pack-html\" href=\"").Append(E(packPath)).Append("\">printable page</a> or ")
                .Append("<a id=\"controller-pack-json\" href=\"").Append(E(packPath)).Append("?format=json\" download>JSON</a>.</p>");
        }
        if (notice.AcknowledgedAt is { } at)
        {
            body.Append(Acknowledged(notice, at, recordedNow: false));
        }
        else
        {
            body.Append("<form method=\"post\" action=\"").Append(E(formAction)).Append("\">")
                .Append("<input type=\"hidden\" name=\"").Append(E(antiforgeryField)).Append("\" value=\"").Append(E(antiforgeryToken)).Append("\">")
                .Append("<p><label for=\"name\">Your name</label><br><input id=\"name\" name=\"name\" required maxlength=\"200\" autocomplete=\"name\"></p>")
                .Append("<p><label for=\"comment\">Comment (optional)</label><br><textarea id=\"comment\" name=\"comment\" maxlength=\"2000\" rows=\"3\"></textarea></p>")
                .Append("<p><button type=\"submit\">Acknowledge receipt</button></p></form>")
                .Append("<p class=\"note\">Opening this page records nothing; only the button does.</p>");
        }

        return Layout("Breach notice", body.ToString());
    }

    public static string Recorded(NoticeRecord notice, string processorName, bool recordedNow) =>
        Layout("Acknowledged", "<h1>Breach notice</h1>" + Summary(notice, processorName) + Acknowledged(notice, notice.AcknowledgedAt!.Value, recordedNow));

    public static string Problem(string title, string message) =>
        Layout(title, $"<h1>{E(title)}</h1><p>{E(message)}</p>");

    private static string Summary(NoticeRecord notice, string processorName) =>
        "<dl>" +
        $"<dt>From</dt><dd>{E(processorName)}</dd>" +
        $"<dt>To</dt><dd>{E(notice.PartyName)}</dd>" +
        $"<dt>Incident</dt><dd>{E(notice.IncidentId)}</dd>" +
        $"<dt>Notice</dt><dd>{E(notice.NoticeId)}</dd>" +
        $"<dt>Sequence</dt><dd id=\"notice-sequence\">{E(SequenceText(notice))}</dd>" +
        $"<dt>Sent</dt><dd>{Time(notice.SentAt)}</dd>" +
        $"<dt>Due</dt><dd>{Time(notice.DueAt)}</dd>" +
        "</dl><p>The full notice was sent to you by email.</p>";

    /// <summary>Which of the incident's notices this is: the first, a follow-up (referring to the first) or the closing.</summary>
    private static string SequenceText(NoticeRecord notice) => notice.NoticeKind switch
    {
        "followUp" => $"{notice.Sequence}, follow-up to notice {notice.RefersTo}",
        "closing" => $"{notice.Sequence}, closing notice (follows notice {notice.RefersTo})",
        _ => $"{notice.Sequence}, first notice",
    };

    private static string Acknowledged(NoticeRecord notice, DateTimeOffset at, bool recordedNow) =>
        $"<p class=\"done\" role=\"status\">{(recordedNow ? "Thank you. Your acknowledgement is recorded" : "This notice was already acknowledged")}: " +
        $"{Time(at)} by {E(notice.AcknowledgedBy ?? "")}.</p>";

    private static string Layout(string title, string body) =>
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{E(title)}</title><link rel=\"stylesheet\" href=\"/assets/site.css\"></head><body><main>{body}</main></body></html>";

    private static string Time(DateTimeOffset? at) =>
        at is { } t ? E(t.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture)) : "-";

    private static string E(string value) => WebUtility.HtmlEncode(ReadableText.Clean(value, keepLines: true));
}
