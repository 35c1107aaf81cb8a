using System.Net;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace BreachNotify.Functions.Tests.CommanderConsole;

/// <summary>The breach register: every incident, filtered by period and status, and its CSV.</summary>
public sealed class ConsoleRegisterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Register_FiltersByStatusAndPeriod_AndCsvHasOneRowPerIncident()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(azurite, time: time);
        var march = await ConsoleClient.PostFixtureAsync(app, "ocsf-detection-finding-exfil.json");
        time.SetUtcNow(new DateTimeOffset(2026, 4, 15, 9, 0, 0, TimeSpan.Zero));
        var april = await ConsoleClient.PostFixtureAsync(app, "generic-subprocessor-report.json");
        Assert.NotEqual(march, april);
        var reject = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{march}/decision", new { decision = "reject", comment = "contained" }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        using var client = new ConsoleClient(app);
        await client.SignInAsync();

        Assert.Equal([march, april], await IdsAsync(client, "/console/register"));
        Assert.Equal([march], await IdsAsync(client, "/console/register?status=Rejected"));
        Assert.Equal([april], await IdsAsync(client, "/console/register?status=AwaitingDecision"));
        Assert.Equal([april], await IdsAsync(client, "/console/register?from=2026-04-01"));
        Assert.Equal([march], await IdsAsync(client, "/console/register?from=2026-03-01&to=2026-03-31"));
        Assert.Empty(await IdsAsync(client, "/console/register?from=2026-04-16"));
        Assert.Equal([april], await IdsAsync(client, "/console/register?to=2026-04-15&status=awaitingdecision&from=2026-04-15"));
        var (bad, _) = await client.GetAsync("/console/register?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var (csv, body) = await client.GetAsync("/console/register.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("incident id,title,aware at,classification,status", lines[0]);
        Assert.Equal(2, lines.Length - 1);
        Assert.StartsWith(march + ",", lines[1]);
        Assert.Contains(",2026-03-02T10:00:00Z,", lines[1]);
        Assert.Contains(",Rejected,", lines[1]);
        Assert.Contains(",AwaitingDecision,", lines[2]);

        var (_, filtered) = await client.GetAsync("/console/register.csv?from=2026-04-01&to=2026-04-30");
        Assert.Equal(2, filtered.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(april, filtered);
    }

    private static async Task<List<string>> IdsAsync(ConsoleClient client, string path)
    {
        var (response, html) = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. Html.Parse(html).QuerySelectorAll("tr.incident").Select(r => r.GetAttribute("data-id")!)];
    }
}
