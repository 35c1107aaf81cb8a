using System.Globalization;
using System.Net;
using System.Text;
using BreachNotify.Functions.Storage;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>The recipient's pages of a sub-processor change notice: plain HTML, no script, every value encoded.</summary>
internal static class ChangeNoticePages
{
    public static string Notice(SubprocessorChangeState change, NoticeRecord notice, string processorName, DateTimeOffset now, string formAction, string field, string token)
    {
        var body = new StringBuilder("<h1>Sub-processor change</h1>").Append(Summary(change, notice, processorName)).Append(Answer(change, notice));
        if (Closed(change, notice, now) is { } closed)
        {
            body.Append("<p class=\"note\" role=\"status\">").Append(E(closed)).Append("</p>");
        }
        else
        {
            var hidden = $"<input type=\"hidden\" name=\"{E(field)}\" value=\"{E(token)}\">";
            if (notice.AcknowledgedAt is null)
            {
                body.Append("<form method=\"post\" action=\"").Append(E(formAction)).Append("\">").Append(hidden)
                    .Append("<h2>Acknowledge</h2><input type=\"hidden\" name=\"action\" value=\"acknowledge\">")
                    .Append("<p><label for=\"ack-name\">Your name</label><br><input id=\"ack-name\" name=\"name\" required maxlength=\"200\" autocomplete=\"name\"></p>")
                    .Append("<p><button type=\"submit\">Acknowledge the change</button></p></form>");
            }

            if (change.ObjectionOf(notice.PartyId) is null)
            {
                body.Append("<form method=\"post\" action=\"").Append(E(formAction)).Append("\">").Append(hidden)
                    .Append("<h2>Object</h2><input type=\"hidden\" name=\"action\" value=\"object\">")
                    .Append("<p><label for=\"object-name\">Your name</label><br><input id=\"object-name\" name=\"name\" required maxlength=\"200\" autocomplete=\"name\"></p>")
                    .Append("<p><label for=\"reason\">Reason (required)</label><br><textarea id=\"reason\" name=\"reason\" required maxlength=\"2000\" rows=\"4\"></textarea></p>")
                    .Append("<p><button type=\"submit\">Object to the change</button></p></form>");
            }

            body.Append("<p class=\"note\">Opening this page records nothing; only the buttons do.</p>");
        }

        return Layout("Sub-processor change", body.ToString());
    }

    public static string Recorded(SubprocessorChangeState change, NoticeRecord notice, string processorName, string what) =>
        Layout("Recorded", "<h1>Sub-processor change</h1>" + $"<p class=\"done\" role=\"status\">{E(what)}</p>" + Summary(change, notice, processorName) + Answer(change, notice));

    public static string Problem(string title, string message) => Layout(title, $"<h1>{E(title)}</h1><p>{E(message)}</p>");

    /// <summary>Why the notice takes no answer any more, or null while it does.</summary>
    public static string? Closed(SubprocessorChangeState change, NoticeRecord notice, DateTimeOffset now) =>
        change.Status != ChangeStatus.Approved ? $"This change is {change.Status.ToString().ToLowerInvariant()}: it takes no answer any more."
        : change.Window(notice.PartyId) is { } window && !window.IsOpenAt(now) ? $"The window to object closed on {Time(window.ObjectByAt)}."
        : null;

    private static string Summary(SubprocessorChangeState change, NoticeRecord notice, string processorName)
    {
        var c = change.Change!;
        var s = c.Subprocessor;
        var window = change.Window(notice.PartyId);
        return "<dl>" +
               $"<dt>From</dt><dd>{E(processorName)}</dd>" +
               $"<dt>To</dt><dd>{E(notice.PartyName)}</dd>" +
               $"<dt>Change</dt><dd>{E(c.Kind.ToString().ToLowerInvariant())} ({E(change.Id)})</dd>" +
               $"<dt>Sub-processor</dt><dd>{E(s.Name)}</dd>" +
               (s.Entity is { } entity ? $"<dt>Legal entity</dt><dd>{E(entity)}</dd>" : "") +
               (s.Purpose is { } purpose ? $"<dt>Purpose</dt><dd>{E(purpose)}</dd>" : "") +
               (s.Location is { } location ? $"<dt>Location</dt><dd>{E(location)}</dd>" : "") +
               (c.Replaces is { } replaces ? $"<dt>Replaces</dt><dd>{E(replaces)}</dd>" : "") +
               $"<dt>Services</dt><dd>{E(string.Join(", ", c.Services))}</dd>" +
               $"<dt>Effective from</dt><dd>{Time(c.EffectiveAt)}</dd>" +
               $"<dt>Objections accepted until</dt><dd>{(window is null ? "-" : Time(window.ObjectByAt))}</dd>" +
               "</dl>";
    }

    private static string Answer(SubprocessorChangeState change, NoticeRecord notice)
    {
        var answer = new StringBuilder();
        if (notice.AcknowledgedAt is { } at)
        {
            answer.Append($"<p class=\"done\">Acknowledged {Time(at)} by {E(notice.AcknowledgedBy ?? "")}.</p>");
        }

        if (change.ObjectionOf(notice.PartyId) is { } objection)
        {
            answer.Append($"<p class=\"done\">Objection recorded {Time(objection.At)}: {E(objection.Reason)}</p>");
        }

        return answer.ToString();
    }

    private static string Layout(string title, string body) =>
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{E(title)}</title><link rel=\"stylesheet\" href=\"/assets/site.css\"></head><body><main>{body}</main></body></html>";

    private static string Time(DateTimeOffset at) => E(at.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture));

    private static string E(string value) => WebUtility.HtmlEncode(ReadableText.Clean(value, keepLines: true));
}
