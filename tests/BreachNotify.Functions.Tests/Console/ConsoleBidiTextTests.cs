using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>
/// Bidirectional embeddings, overrides and isolates in detection text (an attacker's "invoice‮fdp.exe") never reach
/// what a commander reads: the console's pages and their titles, the printable report, the register and its CSV.
/// </summary>
public sealed class ConsoleBidiTextTests(AzuriteFixture azurite)
{
    /// <summary>Every character of the rule (U+202A..U+202E, U+2066..U+2069). Compared ordinally: culture-aware comparison ignores them.</summary>
    private const string Bidi = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/incidents/{id}")]
    [InlineData("/console/incidents/{id}/report")]
    [InlineData("/console/register")]
    [InlineData("/console/register.csv")]
    public async Task DetectionTextWithBidiControls_IsShownWithoutThem(string surface)
    {
        await using var app = await TestApp.StartAsync(azurite);
        var detection = JsonNode.Parse(TestApp.Fixture("generic-subprocessor-report.json"))!;
        detection["externalId"] = "LLM-SEC-BIDI-1";
        detection["title"] = "BIDI-TITLE invoice\u202Efdp.exe \u2066isolated\u2069 \u202Aembedded\u202C";
        detection["description"] = "BIDI-DESCRIPTION \u202Btext\u202C \u202Doverride\u202C \u2067x\u2069\u2068y\u2069";
        var response = await app.PostDetectionAsync(detection.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var incidentId = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken)).GetProperty("incidentId").GetString()!;
        using var client = new ConsoleClient(app);
        await client.SignInAsync();

        var (page, body) = await client.GetAsync(surface.Replace("{id}", incidentId, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(body.IndexOfAny(Bidi.ToCharArray()) < 0, $"{surface} shows a bidirectional control character");
        Assert.Contains("BIDI-TITLE invoicefdp.exe isolated embedded", body, StringComparison.Ordinal);
        if (surface == "/console/incidents/{id}")
        {
            Assert.Equal("BIDI-TITLE invoicefdp.exe isolated embedded - BreachNotify console", Html.Parse(body).Title);
            Assert.Contains("BIDI-DESCRIPTION text override xy", body, StringComparison.Ordinal);
        }
    }
}
