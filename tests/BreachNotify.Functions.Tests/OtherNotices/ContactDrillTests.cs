using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BreachNotify.Functions.Delivery;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.OtherNotices;

/// <summary>
/// The contact drill (issue 18) through the API, the notice engine, the link page and SendGrid's delivery events, against
/// the real app, Azurite and the mail capture, on the sample directory: four customers with six contacts (contoso: a
/// German privacy contact and an English SOC; fabrikam: legal; tailspin: the DPO; woodgrove: the CISO and privacy).
/// </summary>
public sealed class ContactDrillTests(AzuriteFixture azurite) : IDisposable
{
    private const string Path = "/api/matters";
    private readonly ECDsa _sendGrid = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => _sendGrid.Dispose();

    [Fact]
    public async Task Drill_GoesToEveryContactMarkedAsADrill_AndItsReportListsOneAcknowledgedOneBouncedFourSilent_AsJsonAndCsv()
    {
        await using var app = await TestApp.StartAsync(azurite, s => s["SendGrid:EventWebhookPublicKey"] = Convert.ToBase64String(_sendGrid.ExportSubjectPublicKeyInfo()));
        var created = await RecordAsync(app, new { kind = "contact-drill", receivedAt = DateTimeOffset.UtcNow.AddMinutes(-1), summary = "Quarterly contact drill" });
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(["contoso", "fabrikam", "tailspin", "woodgrove"], created.GetProperty("customers").EnumerateArray().Select(c => c.GetString()).Order());

        await DecideAsync(app, id);
        var mails = await app.WaitForMailsAsync(m => m.Subject.Contains(id, StringComparison.Ordinal), count: 6);
        Assert.Equal(
            ["ciso@woodgrove.example", "dpo@tailspin.example", "legal@fabrikam.example", "privacy@contoso.example", "privacy@woodgrove.example", "soc@contoso.example"],
            mails.Select(m => m.To).Order(StringComparer.Ordinal));
        var german = mails.Single(m => m.To == "privacy@contoso.example");
        Assert.StartsWith("ÜBUNG (DRILL)", german.Subject, StringComparison.Ordinal);
        Assert.Contains("DIES IST EINE ÜBUNG (DRILL).", german.Text, StringComparison.Ordinal);
        var english = mails.Single(m => m.To == "dpo@tailspin.example");
        Assert.StartsWith("DRILL - DRILL: test of your notice contacts: test notice from Northwind Talent Cloud", english.Subject, StringComparison.Ordinal);
        Assert.Contains("THIS IS A DRILL.", english.Text, StringComparison.Ordinal);
        Assert.Contains("THIS IS A DRILL.", english.Html, StringComparison.Ordinal);
        await WaitUntilAllSentAsync(app, id);

        var legal = mails.Single(m => m.To == "legal@fabrikam.example");
        Assert.Equal(HttpStatusCode.OK, (await AckPage.AcknowledgeAsync(new Uri(AckPage.LinkIn(legal.Html!)), "Fay Legal")).Response.StatusCode);
        var bounce = Delivery.DeliveryEventTests.Event("bounce", english.CustomArgs["notice_ref"], DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5, ("type", "bounce"), ("reason", "550 5.1.1 mailbox unknown"));
        using var delivery = await app.Http.SendAsync(Sign(JsonSerializer.Serialize(new[] { bounce })), Ct);
        Assert.Equal(HttpStatusCode.OK, delivery.StatusCode);
        // The commanders' bounce alert is worded for the matter and links its console page.
        var alert = Assert.Single(await app.WaitForMailsAsync(m => m.To == "ic@ntc.example" && m.Subject.StartsWith("Notice not delivered", StringComparison.Ordinal)));
        Assert.Equal($"Notice not delivered: Tailspin Toys (tailspin), matter {id}", alert.Subject);
        Assert.Contains($"/console/matters/{id}", alert.Text, StringComparison.Ordinal);

        var report = await ReportAsync(app, id);
        var counts = report.GetProperty("counts");
        Assert.Equal((6, 1, 1, 4, 0), (counts.GetProperty("recipients").GetInt32(), counts.GetProperty("acknowledged").GetInt32(), counts.GetProperty("bounced").GetInt32(),
            counts.GetProperty("silent").GetInt32(), counts.GetProperty("notSent").GetInt32()));
        var outcomes = report.GetProperty("customers").EnumerateArray()
            .SelectMany(c => c.GetProperty("contacts").EnumerateArray().Select(k => (Customer: c.GetProperty("customerId").GetString(), Email: k.GetProperty("email").GetString(), Outcome: k.GetProperty("outcome").GetString())))
            .OrderBy(o => o.Email, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                ("woodgrove", "ciso@woodgrove.example", "silent"), ("tailspin", "dpo@tailspin.example", "bounced"), ("fabrikam", "legal@fabrikam.example", "acknowledged"),
                ("contoso", "privacy@contoso.example", "silent"), ("woodgrove", "privacy@woodgrove.example", "silent"), ("contoso", "soc@contoso.example", "silent"),
            ],
            outcomes);
        var acknowledged = report.GetProperty("customers").EnumerateArray().Single(c => c.GetProperty("customerId").GetString() == "fabrikam").GetProperty("contacts")[0];
        Assert.Equal("Fay Legal", acknowledged.GetProperty("acknowledgedBy").GetString());
        Assert.True(acknowledged.GetProperty("acknowledgedAt").ValueKind == JsonValueKind.String);
        var bounced = report.GetProperty("customers").EnumerateArray().Single(c => c.GetProperty("customerId").GetString() == "tailspin").GetProperty("contacts")[0];
        Assert.Equal("bounce (bounce): 550 5.1.1 mailbox unknown", bounced.GetProperty("bounceReason").GetString());

        using var csv = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"{Path}/{id}/drill-report?format=csv"), Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("customerId,customerName,contactName,email,outcome,sentAt,acknowledgedAt,acknowledgedBy,bouncedAt,bounceReason", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("fabrikam,Fabrikam Inc.,", StringComparison.Ordinal) && l.Contains(",legal@fabrikam.example,acknowledged,", StringComparison.Ordinal) && l.Contains(",Fay Legal,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("tailspin,Tailspin Toys,", StringComparison.Ordinal) && l.Contains(",dpo@tailspin.example,bounced,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Drill_UnderALegalProhibition_Answers400NamingTheField_AndStoresNothing()
    {
        await using var app = await TestApp.StartAsync(azurite);
        using var request = app.AsCommander(HttpMethod.Post, Path, new
        {
            kind = "contact-drill",
            receivedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            summary = "Drill",
            legalProhibition = new { basis = "court order", until = (DateTimeOffset?)null },
        });

        using var response = await app.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("legalProhibition", problem.GetProperty("errors").EnumerateObject().First().Name);
        using var list = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, Path), Ct);
        Assert.Empty((await list.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task DrillReport_OfAnotherKindOfMatter_Is404_AndWithoutACommanderKey401()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var id = (await RecordAsync(app, new { kind = "cannot-comply", customers = new[] { "tailspin" }, receivedAt = DateTimeOffset.UtcNow.AddMinutes(-1), summary = "Retention" }))
            .GetProperty("id").GetString()!;

        using var other = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"{Path}/{id}/drill-report"), Ct);
        using var anonymous = await app.Http.GetAsync($"{Path}/{id}/drill-report", Ct);

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> RecordAsync(TestApp app, object body)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, Path, body), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task DecideAsync(TestApp app, string id)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Post, $"{Path}/{id}/decision", new { decision = "approve" }), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> ReportAsync(TestApp app, string id)
    {
        using var response = await app.Http.SendAsync(app.AsCommander(HttpMethod.Get, $"{Path}/{id}/drill-report"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>The mails are captured before the engine records them sent: wait for the records (a silent contact is one sent).</summary>
    private static async Task WaitUntilAllSentAsync(TestApp app, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await ReportAsync(app, id)).GetProperty("counts").GetProperty("notSent").GetInt32() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the drill's notices were not marked sent");
            await Task.Delay(100, Ct);
        }
    }

    private HttpRequestMessage Sign(string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, DeliveryEventEndpoints.Route) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(EventWebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(EventWebhookSignature.SignatureHeader, EventWebhookSignature.Sign(_sendGrid, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }
}
