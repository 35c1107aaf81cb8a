using System.Globalization;
using System.Net;
using System.Text;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// What every console page needs: who is signed in, their zone, the clock, and an antiforgery token for forms.
/// <see cref="ConsoleLayout"/> cascades it to the page's components (<c>Time</c>, <c>Countdown</c>, <c>FormToken</c>).
/// Its string methods (<see cref="Layout"/>, <see cref="E"/>, ...) serve only the pages not yet
/// on components (OtherNotices' matter pages); delete them with their last caller.
/// </summary>
public sealed record ConsolePage(string? CommanderId, TimeZoneInfo Zone, string FormField, string FormToken, DateTimeOffset Now, string Here = "/console")
{
    /// <summary>Every text on a console page (titles too): cleaned (<see cref="ReadableText"/>, line breaks kept), then HTML-encoded.</summary>
    public static string E(string? value) => WebUtility.HtmlEncode(ReadableText.Clean(value, keepLines: true));

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A time in the commander's zone, machine-readable in <c>datetime</c>, the zone's name in <c>title</c>.</summary>
    public string Time(DateTimeOffset? at) => at is { } t
        ? $"<time datetime=\"{E(Iso(t))}\" title=\"{E(ConsoleTime.ZoneName(t, Zone))}\">{E(ConsoleTime.Format(t, Zone))}</time>"
        : "-";

    public string Token() => $"<input type=\"hidden\" name=\"{E(FormField)}\" value=\"{E(FormToken)}\">";

    public string Layout(string title, string body, string? current = null)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" - BreachNotify console</title>")
            .Append("<link rel=\"stylesheet\" href=\"/assets/site.css\"><link rel=\"stylesheet\" href=\"/assets/console.css\">")
            .Append("<script src=\"/assets/console.js\" defer></script></head><body class=\"console\">");
        if (CommanderId is not null)
        {
            html.Append("<header><nav aria-label=\"Console\"><ul>")
                .Append(Nav("/console", "Queue", current)).Append(Nav("/console/register", "Breach register", current))
                .Append(Nav("/console/changes", "Sub-processor changes", current))
                .Append(Nav("/console/matters", "Other notices", current))
                .Append(Nav("/console/deadletters", "Dead letters", current)).Append("</ul></nav>")
                .Append("<div class=\"who\"><form method=\"post\" action=\"/console/timezone\" class=\"inline\">").Append(Token())
                .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(E(Here)).Append("\">")
                .Append("<label for=\"tz\">Time zone</label> <input id=\"tz\" name=\"tz\" list=\"tz-list\" value=\"").Append(E(Zone.Id)).Append("\" maxlength=\"64\" required> ")
                .Append("<datalist id=\"tz-list\">");
            foreach (var zone in ConsoleTime.Suggested)
            {
                html.Append("<option value=\"").Append(E(zone)).Append("\">");
            }

            html.Append("</datalist><button type=\"submit\">Set</button></form> ")
                .Append("<form method=\"post\" action=\"/console/signout\" class=\"inline\">").Append(Token())
                .Append("<span>Signed in as ").Append(E(CommanderId)).Append("</span> <button type=\"submit\">Sign out</button></form></div></header>");
        }

        html.Append("<main>").Append(body).Append("</main></body></html>");
        return html.ToString();
    }

    private static string Nav(string href, string text, string? current) =>
        $"<li><a href=\"{E(href)}\"{(current == href ? " aria-current=\"page\"" : "")}>{E(text)}</a></li>";

    public static string Message(string? text, bool error = false) => text is null ? "" :
        error ? $"<p class=\"error\" role=\"alert\">{E(text)}</p>" : $"<p class=\"done\" role=\"status\">{E(text)}</p>";
}
