using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Workflow;

/// <summary>The whole path: a posted SIEM detection to a recorded acknowledgement, on Azurite and a SendGrid capture.</summary>
public sealed class EndToEndTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OcsfExfiltration_ApprovedByCommander_NotifiesEveryContactOnceAndRecordsFirstAcknowledgement()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;

        // 1. Ingest.
        var accepted = await (await app.PostDetectionAsync(TestApp.Fixture("ocsf-detection-finding-exfil.json"))).Content.ReadFromJsonAsync<JsonElement>(ct);
        var incidentId = accepted.GetProperty("incidentId").GetString()!;

        // 2. Classified against the directory; 3. commanders asked.
        var approvalRequest = (await app.Mail.WaitForMailsAsync(1, Wait)).Single();
        Assert.Equal("ic@ntc.example", approvalRequest.To);
        Assert.Contains(incidentId, approvalRequest.Subject);
        var incident = await ReadAsync(app, incidentId);
        Assert.Equal("AwaitingDecision", incident.GetProperty("status").GetString());
        Assert.True(incident.GetProperty("classification").GetProperty("isPersonalDataBreach").GetBoolean());
        Assert.Equal(["confidentiality"], Strings(incident.GetProperty("classification").GetProperty("breachTypes")));
        Assert.Equal(["contoso"], Strings(incident.GetProperty("affected").GetProperty("customers")));
        Assert.Equal(["cloud-host"], Strings(incident.GetProperty("affected").GetProperty("subprocessors")));

        // 4. Approve: one notice per contact (contoso has two, cloud-host one).
        var decision = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve", comment = "confirmed exfiltration" }), ct);
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        var mails = await app.Mail.WaitForMailsAsync(4, Wait);
        var notices = mails.Skip(1).ToList();
        Assert.Equal(["privacy@contoso.example", "secresponse@cloud-host.example", "soc@contoso.example"], notices.Select(m => m.To).Order().ToArray());
        Assert.Contains(notices, m => m.To == "privacy@contoso.example" && m.Subject.StartsWith("Meldung", StringComparison.Ordinal));

        // 5. The link's GET records nothing; the POST records; the first acknowledgement stands.
        var link = new Uri(AckPage.LinkIn(notices.Single(m => m.To == "soc@contoso.example").Html!));
        Assert.StartsWith(app.Settings["PublicBaseUrl"]!, link.ToString());
        var page = await app.Http.GetAsync(link, ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(0, (await ReadAsync(app, incidentId)).GetProperty("noticeCounts").GetProperty("acknowledged").GetInt32());

        var (first, firstHtml) = await AckPage.AcknowledgeAsync(link, "Sam Security");
        Assert.True(first.StatusCode == HttpStatusCode.OK, firstHtml);
        Assert.Contains("Your acknowledgement is recorded", firstHtml);
        var (second, secondHtml) = await AckPage.AcknowledgeAsync(link, "Someone Else");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("already acknowledged", secondHtml);
        Assert.Contains("Sam Security", secondHtml);

        // 6. The incident shows it all.
        incident = await ReadAsync(app, incidentId);
        Assert.Equal("Approved", incident.GetProperty("status").GetString());
        var acknowledged = incident.GetProperty("notices").EnumerateArray().Single(n => n.TryGetProperty("acknowledgedAt", out _));
        Assert.Equal("soc@contoso.example", acknowledged.GetProperty("contact").GetProperty("email").GetString());
        Assert.Equal("Sam Security", acknowledged.GetProperty("acknowledgedBy").GetString());
        var kinds = incident.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["detectionRecorded", "classified", "approvalRequested", "approved"], kinds.Where(k => k is not "noticeSent" and not "noticeAcknowledged"));
        Assert.Equal(3, kinds.Count(k => k == "noticeSent"));
        Assert.Equal(1, kinds.Count(k => k == "noticeAcknowledged"));
        Assert.Equal(4, app.Mail.Mails.Count);
    }

    [Fact]
    public async Task Incident_WithoutCommanderKey_IsRefusedEverywhere()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var accepted = await (await app.PostDetectionAsync(TestApp.Fixture("generic-subprocessor-report.json"))).Content.ReadFromJsonAsync<JsonElement>(ct);
        var incidentId = accepted.GetProperty("incidentId").GetString()!;

        var read = await app.Http.GetAsync($"/api/incidents/{incidentId}", ct);
        var list = await app.Http.GetAsync("/api/incidents", ct);
        var decide = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }, key: "not-a-commander"), ct);

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, decide.StatusCode);
        Assert.Equal("AwaitingDecision", (await ReadAsync(app, incidentId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Decision_Invalid_Answers400AndUnknownIncident404AndSecondApprovalChangesNothing()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var ct = TestContext.Current.CancellationToken;
        var accepted = await (await app.PostDetectionAsync(TestApp.Fixture("generic-subprocessor-report.json"))).Content.ReadFromJsonAsync<JsonElement>(ct);
        var incidentId = accepted.GetProperty("incidentId").GetString()!;

        var bad = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "maybe" }), ct);
        var reclassifyWithoutReason = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "reclassify", verdict = "notPersonalDataBreach" }), ct);
        var unknown = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, "/api/incidents/inc-00000000000000000000/decision", new { decision = "approve" }), ct);
        var approve = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }), ct);
        var again = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "approve" }, key: TestApp.BackupCommanderKey), ct);
        var reject = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"/api/incidents/{incidentId}/decision", new { decision = "reject" }), ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reclassifyWithoutReason.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.False((await again.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("changed").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, reject.StatusCode);
        // generic report: fabrikam (1 contact) + woodgrove (2) + llm-provider (1) = 4 notices, each sent once.
        // (The approval request may or may not precede the approval; it is not counted.)
        var deadline = DateTime.UtcNow + Wait;
        while (Notices(app).Count < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct);
        }

        await Task.Delay(1000, ct);
        Assert.Equal(["ciso@woodgrove.example", "legal@fabrikam.example", "privacy@woodgrove.example", "trust@llm-provider.example"], Notices(app).Order().ToArray());
    }

    internal static async Task<JsonElement> ReadAsync(TestApp app, string incidentId)
    {
        var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"/api/incidents/{incidentId}"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Notices(TestApp app) => [.. app.NoticeMails.Select(m => m.To)];

    private static string[] Strings(JsonElement array) =>
        [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
}
