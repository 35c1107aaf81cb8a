using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>The public list as an HTML page and as an Atom feed (one entry per approved change). No customer data.</summary>
internal static class PublicListPages
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static string Html(PublicSubprocessorList list)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>{E(list.Processor)}: sub-processors</h1>");
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">As of {Time(list.AsOf)}. Also as <a href=\"/subprocessors.json\">JSON</a> and an <a href=\"/subprocessors.atom\">Atom feed</a>.</p>");
        body.Append("<h2>Current</h2>");
        if (list.Current.Count == 0)
        {
            body.Append("<p>None.</p>");
        }
        else
        {
            body.Append("<table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Entity</th><th scope=\"col\">Purpose</th><th scope=\"col\">Location</th><th scope=\"col\">Since</th></tr></thead><tbody>");
            foreach (var s in list.Current)
            {
                body.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(s.Name)}</td><td>{E(s.Entity)}</td><td>{E(s.Purpose)}</td><td>{E(s.Location)}</td><td>{(s.Since is { } since ? Time(since) : "")}</td></tr>");
            }

            body.Append("</tbody></table>");
        }

        body.Append("<h2>Upcoming changes</h2>");
        if (list.Upcoming.Count == 0)
        {
            body.Append("<p>None announced.</p>");
        }
        else
        {
            body.Append("<ul>");
            foreach (var u in list.Upcoming)
            {
                body.Append(CultureInfo.InvariantCulture, $"<li>{Describe(u.Kind, u.Subprocessor, u.Replaces)}, effective {Time(u.EffectiveAt)}</li>");
            }

            body.Append("</ul>");
        }

        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{E(list.Processor)}: sub-processors</title><link rel=\"stylesheet\" href=\"/assets/site.css\">" +
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/subprocessors.atom\"></head>" +
            $"<body><main>{body}</main></body></html>";
    }

    public static string Feed(string processor, Uri baseUrl, IEnumerable<ChangeListEntry> approved, DateTimeOffset now)
    {
        var self = $"{baseUrl.ToString().TrimEnd('/')}/subprocessors.atom";
        var entries = approved.OrderByDescending(e => e.AnnouncedAt).ToList();
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", self),
            new XElement(Atom + "title", Clean($"{processor}: sub-processor changes")),
            new XElement(Atom + "updated", Iso(entries.Count == 0 ? now : entries.Max(e => e.AnnouncedAt))),
            new XElement(Atom + "author", new XElement(Atom + "name", Clean(processor))),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", self)),
            entries.Select(e => new XElement(Atom + "entry",
                new XElement(Atom + "id", $"urn:breachnotify:subprocessor-change:{e.Id}"),
                new XElement(Atom + "title", Clean($"{Kebab.Of(e.Kind)} {e.Subprocessor.Name}")),
                new XElement(Atom + "updated", Iso(e.AnnouncedAt)),
                new XElement(Atom + "summary", Clean(
                    $"{Plain(Kebab.Of(e.Kind), e.Subprocessor, e.Replaces)}, effective {e.EffectiveAt.ToUniversalTime():yyyy-MM-dd HH:mm} UTC" +
                    $"{(e.Subprocessor.Purpose is { } p ? $"; purpose: {p}" : "")}{(e.Subprocessor.Location is { } l ? $"; location: {l}" : "")}")))));
        return new XDeclaration("1.0", "utf-8", null) + "\n" + feed.ToString(SaveOptions.DisableFormatting);
    }

    private static string Describe(string kind, SubprocessorEntry s, string? replaces) => E(Plain(kind, s, replaces));

    private static string Plain(string kind, SubprocessorEntry s, string? replaces) => kind switch
    {
        "add" => $"Adds {s.Name}{(s.Entity is { } en ? $" ({en})" : "")}",
        "replace" => $"Replaces {replaces} with {s.Name}{(s.Entity is { } en ? $" ({en})" : "")}",
        _ => $"Removes {s.Name}",
    };

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => E(at.ToUniversalTime().ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture));

    private static string Clean(string value) => ReadableText.Clean(value);

    private static string E(string? value) => WebUtility.HtmlEncode(ReadableText.Clean(value ?? "", keepLines: false));
}
