using AngleSharp.Dom;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>
/// The console layout on Razor (<see cref="ConsoleLayout"/>): the document the string layout it replaced rendered, as a
/// browser and console.js read it (head assets, body class, nav, the time-zone and sign-out forms, the main blocks).
/// </summary>
public sealed class ConsoleLayoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 11, 12, 0, TimeSpan.Zero);

    [Fact]
    public async Task ConsoleLayout_SignedIn_RendersTitleAssetsNavAndForms()
    {
        var page = new ConsolePage("ic-primary", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), "__RequestVerificationToken", "tok+en/=", Now, "/console/register?status=Approved");

        var component = Html.Parse(await RenderAsync(page));

        Assert.Equal("Form expired - BreachNotify console", component.Title);
        Assert.Equal(
            [
                "Form expired - BreachNotify console",
                "link:/assets/site.css:False link:/assets/console.css:False script:/assets/console.js:True",
                "console",
                "/console=Queue: /console/register=Breach register: /console/changes=Sub-processor changes: " +
                    "/console/matters=Other notices: /console/deadletters=Dead letters:",
                "/console/timezone[input:__RequestVerificationToken:hidden,input:returnUrl:hidden,label::,input:tz:,button::submit] " +
                    "/console/signout[input:__RequestVerificationToken:hidden,button::submit]",
                ConsoleTime.Suggested.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "h1:Form expired|p:Please reload.|p:Back to the queue",
            ],
            Shape(component));
        Assert.Equal(["/assets/site.css", "/assets/console.css"], component.Head!.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")));
        Assert.Equal(["tok+en/=", "/console/register?status=Approved", "Europe/Berlin", "tok+en/="], Values(component, "#tz, input[name=returnUrl], input[name=__RequestVerificationToken]"));
        Assert.Equal("Signed in as ic-primary", component.QuerySelector("form[action='/console/signout'] span")?.TextContent);
    }

    [Fact]
    public async Task ConsoleLayout_MarksOnlyTheCurrentNavEntry()
    {
        var page = new ConsolePage("ic-primary", TimeZoneInfo.Utc, "f", "t", Now);
        var html = await new ServiceCollection().BuildServiceProvider().GetPageAsync<RegisterPage>(new()
        {
            [nameof(RegisterPage.Page)] = page,
            [nameof(RegisterPage.Incidents)] = Array.Empty<IncidentSummary>(),
            [nameof(RegisterPage.CsvHref)] = "/console/register.csv",
        });

        var current = Html.Parse(html).QuerySelectorAll("nav[aria-label=Console] a[aria-current=page]").Select(a => a.GetAttribute("href"));
        Assert.Equal(["/console/register"], current);
    }

    [Fact]
    public async Task ConsoleLayout_Anonymous_HasNoHeader_AndHostileTextStaysText()
    {
        var anonymous = new ConsolePage(null, TimeZoneInfo.Utc, "f", "t", Now);

        var document = Html.Parse(await RenderAsync(anonymous, "<script>alert(1)</script>"));

        Assert.Null(document.QuerySelector("header"));
        Assert.Equal("console", document.Body!.ClassName);
        Assert.Equal("<script>alert(1)</script>", document.QuerySelector("main h1")?.TextContent);
        Assert.Single(document.QuerySelectorAll("script"));
    }

    private static Task<string> RenderAsync(ConsolePage page, string title = "Form expired") =>
        new ServiceCollection().BuildServiceProvider().GetPageAsync<ConsoleProblemPage>(new()
        {
            [nameof(ConsoleProblemPage.Page)] = page,
            [nameof(ConsoleProblemPage.Title)] = title,
            [nameof(ConsoleProblemPage.Message)] = "Please reload.",
        });

    /// <summary>What a reader and console.js rely on: head assets, body class, nav entries, forms with their fields, the main blocks and their text.</summary>
    private static string[] Shape(IDocument d) =>
    [
        d.Title ?? "",
        string.Join(" ", d.Head!.QuerySelectorAll("link, script").Select(e => $"{e.LocalName}:{e.GetAttribute("href") ?? e.GetAttribute("src")}:{e.HasAttribute("defer")}")),
        d.Body!.ClassName ?? "",
        string.Join(" ", d.QuerySelectorAll("nav a").Select(a => $"{a.GetAttribute("href")}={a.TextContent}:{a.GetAttribute("aria-current")}")),
        string.Join(" ", d.QuerySelectorAll("form").Select(f => $"{f.GetAttribute("action")}[{string.Join(",", f.QuerySelectorAll("input, button, label").Select(i => $"{i.LocalName}:{i.GetAttribute("name")}:{i.GetAttribute("type")}"))}]")),
        d.QuerySelectorAll("#tz-list option").Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        string.Join("|", d.QuerySelectorAll("main > *").Select(e => $"{e.LocalName}:{e.TextContent}")),
    ];

    private static string?[] Values(IDocument d, string selector) => [.. d.QuerySelectorAll(selector).Select(e => e.GetAttribute("value"))];
}
