using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>The API reference offers nothing that needs Scalar's cloud: no developer toolbar (Deploy, Generate SDK), no "Ask AI".</summary>
public sealed partial class ApiReferenceOfflineTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Reference_HidesTheDeveloperToolbar_AndDisablesTheAiAgentAndMcp()
    {
        await using var app = await TestApp.StartAsync(azurite);

        using var page = await app.Http.GetAsync("/reference", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // The configuration Scalar starts from, as the page's inline initialisation passes it.
        var inline = string.Concat(new HtmlParser().ParseDocument(html).QuerySelectorAll("script:not([src])").Select(s => s.TextContent));
        var json = ConfigurationObject().Match(inline);
        Assert.True(json.Success, inline);
        using var configuration = JsonDocument.Parse(json.Groups["json"].Value);
        var root = configuration.RootElement;
        Assert.Equal("never", root.GetProperty("showDeveloperTools").GetString());
        Assert.True(root.GetProperty("agent").GetProperty("disabled").GetBoolean());
        Assert.True(root.GetProperty("mcp").GetProperty("disabled").GetBoolean());
    }

    /// <summary>The JSON object argument of <c>initialize(path, ..., {configuration}, ...)</c>, on its own line.</summary>
    [GeneratedRegex(@"^\s*(?<json>\{"".*\}),\s*$", RegexOptions.Multiline)]
    private static partial Regex ConfigurationObject();
}
