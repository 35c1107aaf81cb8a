using System.Globalization;
using System.Xml.Linq;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Functions.SubprocessorChanges;

/// <summary>The public list as an HTML page (<see cref="PublicListPage"/>) and as an Atom feed (one entry per approved change). No customer data.</summary>
internal static class PublicListPages
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static Pages.HtmlPage Html(PublicSubprocessorList list) =>
        Pages.HtmlPage.Of<PublicListPage>(200, new() { [nameof(PublicListPage.List)] = list });

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
                    $"{Describe(e.Kind, e.Subprocessor, e.Replaces)}, effective {e.EffectiveAt.ToUniversalTime():yyyy-MM-dd HH:mm} UTC" +
                    $"{(e.Subprocessor.Purpose is { } p ? $"; purpose: {p}" : "")}{(e.Subprocessor.Location is { } l ? $"; location: {l}" : "")}")))));
        return new XDeclaration("1.0", "utf-8", null) + "\n" + feed.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>A change in a sentence (the page and the feed).</summary>
    public static string Describe(ChangeKind kind, SubprocessorEntry s, string? replaces) => kind switch
    {
        ChangeKind.Add => $"Adds {s.Name}{(s.Entity is { } en ? $" ({en})" : "")}",
        ChangeKind.Replace => $"Replaces {replaces} with {s.Name}{(s.Entity is { } en ? $" ({en})" : "")}",
        _ => $"Removes {s.Name}",
    };

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Clean(string value) => ReadableText.Clean(value);
}
