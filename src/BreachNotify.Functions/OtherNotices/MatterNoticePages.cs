using System.Globalization;
using System.Net;
using System.Text;
using BreachNotify.Functions.Storage;
using BreachNotify.OtherNotices;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>The recipient's pages of a matter's notice: plain HTML, no script, every value encoded; a data-subject request's subject by its identifier only.</summary>
internal static class MatterNoticePages
{
    public static string Notice(MatterState state, NoticeRecord notice, string processorName, string formAction, string field, string token)
    {
        var dsr = state.Matter!.Kind == OtherNoticeKind.DataSubjectRequest;
        var body = new StringBuilder("<h1>").Append(E(MatterNoticeComposer.Title(state.Matter.Kind, german: false))).Append("</h1>")
            .Append(Summary(state, notice, processorName)).Append(Answer(state, notice));
        if (notice.AcknowledgedAt is null && state.AcknowledgementOf(notice.PartyId) is null)
        {
            body.Append("<form method=\"post\" action=\"").Append(E(formAction)).Append("\">")
                .Append($"<input type=\"hidden\" name=\"{E(field)}\" value=\"{E(token)}\">")
                .Append("<input type=\"hidden\" name=\"action\" value=\"").Append(dsr ? "received-by-dpo" : "acknowledge").Append("\">")
                .Append("<p><label for=\"ack-name\">Your name</label><br><input id=\"ack-name\" name=\"name\" required maxlength=\"200\" autocomplete=\"name\"></p>")
                .Append(dsr
                    ? "<p><button type=\"submit\">Confirm received by our DPO</button></p></form>"
                    : "<p><button type=\"submit\">Acknowledge</button></p></form>");
            body.Append("<p class=\"note\">Opening this page records nothing; only the button does.</p>");
        }

        return Layout(dsr ? "Data subject request" : "Notice", body.ToString());
    }

    public static string Recorded(MatterState state, NoticeRecord notice, string processorName, string what) =>
        Layout("Recorded", $"<h1>{E(MatterNoticeComposer.Title(state.Matter!.Kind, german: false))}</h1><p class=\"done\" role=\"status\">{E(what)}</p>" +
                           Summary(state, notice, processorName) + Answer(state, notice));

    public static string Problem(string title, string message) => Layout(title, $"<h1>{E(title)}</h1><p>{E(message)}</p>");

    private static string Summary(MatterState state, NoticeRecord notice, string processorName)
    {
        var m = state.Matter!;
        var s = new StringBuilder("<dl>")
            .Append($"<dt>From</dt><dd>{E(processorName)}</dd>")
            .Append($"<dt>To</dt><dd>{E(notice.PartyName)}</dd>")
            .Append($"<dt>Reference</dt><dd>{E(state.Id)}</dd>")
            .Append($"<dt>What we received</dt><dd>{E(m.Summary)}</dd>")
            .Append($"<dt>Received on</dt><dd>{Time(m.ReceivedAt)}</dd>");
        if (m.Authority is { } authority)
        {
            s.Append($"<dt>Authority</dt><dd>{E(authority)}</dd>");
        }

        if (m.Clause is { } clause)
        {
            s.Append($"<dt>Clause or instruction</dt><dd>{E(clause)}</dd>");
        }

        if (m.Disclosure is { } disclosure)
        {
            s.Append($"<dt>What we disclosed</dt><dd>{E(disclosure)}</dd>");
        }

        if (m.Kind == OtherNoticeKind.DataSubjectRequest)
        {
            s.Append($"<dt>Subject</dt><dd>{E(m.SubjectIdentifier ?? "")}</dd>")
                .Append($"<dt>Your deadline to answer the subject (Art. 12(3) GDPR)</dt><dd>{Time(MatterClock.SubjectAnswerDue(m))}, extendable to {Time(MatterClock.SubjectAnswerDueExtended(m))}</dd>")
                .Append("<dt>Our answer to the subject</dt><dd>None: we do not answer without your written authorisation.</dd>");
        }

        return s.Append("</dl>").ToString();
    }

    private static string Answer(MatterState state, NoticeRecord notice) =>
        state.AcknowledgementOf(notice.PartyId) is { } a
            ? $"<p class=\"done\">{(a.Basis == AcknowledgementBasis.ReceivedByDpo ? "Received by the DPO" : "Acknowledged")} {Time(a.At)} by {E(a.By.StartsWith("contact:", StringComparison.Ordinal) ? a.By["contact:".Length..] : a.By)}.</p>"
            : notice.AcknowledgedAt is { } at ? $"<p class=\"done\">Acknowledged {Time(at)} by {E(notice.AcknowledgedBy ?? "")}.</p>" : "";

    private static string Layout(string title, string body) =>
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{E(title)}</title><link rel=\"stylesheet\" href=\"/assets/site.css\"></head><body><main>{body}</main></body></html>";

    private static string Time(DateTimeOffset at) => E(at.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture));

    private static string E(string value) => WebUtility.HtmlEncode(ReadableText.Clean(value, keepLines: true));
}
