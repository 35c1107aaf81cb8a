using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using BreachNotify.Functions.Tests.CommanderConsole;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Workflow;

/// <summary>The commanders' mails lead a browser to the incident's console page, not to the JSON API (which a browser sees as a 401).</summary>
public sealed class CommanderMailLinkTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ApprovalRequestAndEscalation_LinkToTheIncidentsConsolePage_WhichOpensAfterSignIn()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["Workflow:ApprovalEscalationMinutes"] = "0.05");
        var incidentId = await ConsoleClient.PostFixtureAsync(app, "generic-subprocessor-report.json");
        var expected = $"{app.Settings["PublicBaseUrl"]!.TrimEnd('/')}/console/incidents/{Uri.EscapeDataString(incidentId)}";

        var request = (await app.WaitForMailsAsync(m => m.Subject.StartsWith("Decision needed", StringComparison.Ordinal))).Single();
        var escalation = (await app.WaitForMailsAsync(m => m.Subject.StartsWith("ESCALATION 1", StringComparison.Ordinal))).First();

        foreach (var mail in new[] { request, escalation })
        {
            var links = new HtmlParser().ParseDocument(mail.Html!).QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
            Assert.Equal([expected], links);
            Assert.Contains(expected, Regex.Matches(mail.Text!, @"http://\S+").Select(m => m.Value));
            Assert.DoesNotContain("/api/incidents/", mail.Text!, StringComparison.Ordinal);
        }

        // A browser without a session is sent to sign in and comes back to the incident.
        using var client = new ConsoleClient(app);
        var (anonymous, _) = await client.GetAsync(new Uri(expected).PathAndQuery);
        Assert.True(anonymous.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, anonymous.StatusCode.ToString());
        Assert.Equal("/console/signin?returnUrl=" + Uri.EscapeDataString($"/console/incidents/{incidentId}"), anonymous.Headers.Location!.OriginalString);
        var signedIn = await client.SignInAsync(returnUrl: $"/console/incidents/{incidentId}");
        Assert.Equal($"/console/incidents/{incidentId}", signedIn.Headers.Location!.OriginalString);
        var (page, html) = await client.GetAsync(new Uri(expected).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(incidentId, new HtmlParser().ParseDocument(html).QuerySelector("dl.facts dd")!.TextContent);
    }
}
