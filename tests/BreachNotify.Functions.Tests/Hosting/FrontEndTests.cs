using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>
/// Behind the Functions host every request comes from loopback: the client the front end names is the one recorded
/// as evidence, and forwarded headers from anyone not trusted are ignored.
/// </summary>
public sealed class FrontEndTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Behind_a_trusted_front_end_the_acknowledgement_records_the_client_it_names()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var recorded = await AcknowledgedFromAsync(app, forwardedFor: "198.51.100.23, 203.0.113.7");

        Assert.Equal("203.0.113.7", recorded);
    }

    [Fact]
    public async Task Forwarded_headers_from_a_peer_that_is_not_trusted_are_ignored()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["FrontEnd:TrustLoopback"] = "false");

        var recorded = await AcknowledgedFromAsync(app, forwardedFor: "203.0.113.7");

        Assert.Equal("127.0.0.1", recorded);
    }

    private static async Task<string?> AcknowledgedFromAsync(TestApp app, string forwardedFor)
    {
        var ct = TestContext.Current.CancellationToken;
        var accepted = await (await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"))).Content.ReadFromJsonAsync<JsonElement>(ct);
        var incidentId = accepted.GetProperty("incidentId").GetString()!;
        await app.WaitForMailsAsync(m => m.To == "ic@ntc.example");
        var decision = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        var notice = (await app.WaitForMailsAsync(m => m.To == "soc@contoso.example")).Single();

        var (response, html) = await AckPage.AcknowledgeAsync(new Uri(AckPage.LinkIn(notice.Html!)), "Sam Security", forwardedFor: forwardedFor);

        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        var records = await app.Services.GetRequiredService<NoticeStore>().AllAsync(incidentId, ct);
        return records.Single(r => r.AcknowledgedAt is not null).AcknowledgedFrom;
    }
}
