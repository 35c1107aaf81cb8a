using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>Pages read as a browser parses them (AngleSharp), so assertions do not depend on attribute order, quoting or nesting.</summary>
public static class Html
{
    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The text of the element with this id (entities decoded), failing the test when there is none.</summary>
    public static string TextOf(string html, string id)
    {
        var element = Parse(html).GetElementById(id);
        Assert.True(element is not null, $"no element #{id}");
        return element.TextContent;
    }

    /// <summary>The (decoded) value of the page's antiforgery field, or null when it has no form.</summary>
    public static string? AntiforgeryToken(string html) =>
        Parse(html).QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");

    /// <summary>The hidden fields of the page's first form, name to (decoded) value; empty when it has no form.</summary>
    public static Dictionary<string, string> HiddenFields(string html) =>
        (Parse(html).QuerySelector("form")?.QuerySelectorAll("input[type='hidden']") ?? Enumerable.Empty<IElement>()).Where(i => i.HasAttribute("name"))
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
}
